/* Links with the sample object (test/fixtures-elf/sample.ts) and prints what every
   symbol of it gives; the test compares the output with what the object must do. */
#include <execinfo.h>
#include <stdio.h>
#include <string.h>

int obj_twice(void);
int obj_read_value(void);
const char *obj_message(void);
int obj_call_c(void);
long obj_bump(void);
int obj_weak_seven(void);
int obj_hidden_five(void);
extern int obj_value;
extern int (*obj_fnptr)(void);
extern long obj_pcdelta;
extern long obj_counter;
#ifdef SAMPLE_ABSOLUTE
unsigned long obj_value_address32(void);
long obj_value_address32s(void);
#endif

static void *frames[32];
static int frame_count;

/* Called by obj_call_c: records the stack, which the unwinder walks through the
   object's code only if its .eh_frame is right. */
int host_add(int a, int b) {
  frame_count = backtrace(frames, 32);
  return a + b;
}

int main(void) {
  printf("twice %d\n", obj_twice());
  printf("read_value %d\n", obj_read_value());
  obj_value = 99;
  printf("read_value after store %d\n", obj_read_value());
  printf("message %s\n", obj_message());
  printf("fnptr %d\n", obj_fnptr());
  printf("pcdelta %s\n", (char *)&obj_pcdelta + obj_pcdelta == (char *)&obj_twice ? "ok" : "wrong");
  printf("counter %ld\n", obj_counter);
  long first = obj_bump();
  long second = obj_bump();
  printf("bump %ld %ld\n", first, second);
  printf("counter %ld\n", obj_counter);
  printf("weak %d\n", obj_weak_seven());
  printf("hidden %d\n", obj_hidden_five());
  printf("call_c %d\n", obj_call_c());
  int in_object = -1;
  for (int i = 0; i < frame_count; i++) {
    char *pc = frames[i];
    if (pc > (char *)&obj_call_c && pc <= (char *)&obj_call_c + OBJ_CALL_C_SIZE) in_object = i;
  }
  printf("unwound into obj_call_c %s\n", in_object >= 0 ? "yes" : "no");
  printf("unwound past obj_call_c %s\n", in_object >= 0 && in_object + 1 < frame_count ? "yes" : "no");
#ifdef SAMPLE_ABSOLUTE
  printf("address32 %s\n", obj_value_address32() == (unsigned long)&obj_value ? "ok" : "wrong");
  printf("address32s %s\n", obj_value_address32s() == (long)&obj_value ? "ok" : "wrong");
#endif
  return 0;
}
