/* mandelbrot: escape-time iteration counts of a W x H grid over [-2, 0.5] x [-1.25, 1.25],
   at most MAXITER iterations per point (escape at |z|^2 > 4). Checksum: every count,
   row by row, and the total. */
#include "common.h"

#define W 1024
#define H 1024
#define MAXITER 1000

uint64_t bench_run(void) {
  uint64_t h = 0, total = 0;
  for (int py = 0; py < H; py++) {
    double ci = -1.25 + 2.5 * py / H;
    uint64_t row = 0;
    for (int px = 0; px < W; px++) {
      double cr = -2.0 + 2.5 * px / W;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      int it = 0;
      while (it < MAXITER && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
      }
      row = row * 31 + (uint64_t)it;
      total += (uint64_t)it;
    }
    h = hash_add(h, row);
  }
  return mix64(hash_add(h, total));
}
