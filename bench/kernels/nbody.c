/* nbody: the Computer Language Benchmarks Game n-body simulation (Sun and the four gas
   giants, symplectic Euler, dt = 0.01) for STEPS steps. Checksum: the bits of the energy
   before and after and of every body's final position and velocity. */
#include "common.h"

#define STEPS 10000000
#define NB 5
#define SOLAR_MASS (4.0 * BENCH_PI * BENCH_PI)
#define DAYS_PER_YEAR 365.24

typedef struct {
  double x, y, z, vx, vy, vz, mass;
} body_t;

static body_t bodies[NB];

static void init(void) {
  static const double init_bodies[NB][7] = {
      {0, 0, 0, 0, 0, 0, 1},
      {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03,
       7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04},
      {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03,
       4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04},
      {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03,
       2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05},
      {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03,
       1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05},
  };
  for (int i = 0; i < NB; i++) {
    bodies[i].x = init_bodies[i][0];
    bodies[i].y = init_bodies[i][1];
    bodies[i].z = init_bodies[i][2];
    bodies[i].vx = init_bodies[i][3] * DAYS_PER_YEAR;
    bodies[i].vy = init_bodies[i][4] * DAYS_PER_YEAR;
    bodies[i].vz = init_bodies[i][5] * DAYS_PER_YEAR;
    bodies[i].mass = init_bodies[i][6] * SOLAR_MASS;
  }
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    body_t *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < NB; j++) {
      body_t *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      e -= b->mass * c->mass / bsqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(double dt) {
  for (int i = 0; i < NB; i++) {
    body_t *b = &bodies[i];
    for (int j = i + 1; j < NB; j++) {
      body_t *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * bsqrt(d2));
      b->vx -= dx * c->mass * mag;
      b->vy -= dy * c->mass * mag;
      b->vz -= dz * c->mass * mag;
      c->vx += dx * b->mass * mag;
      c->vy += dy * b->mass * mag;
      c->vz += dz * b->mass * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    body_t *b = &bodies[i];
    b->x += dt * b->vx;
    b->y += dt * b->vy;
    b->z += dt * b->vz;
  }
}

uint64_t bench_run(void) {
  init();
  uint64_t h = f64_bits(energy());
  for (int s = 0; s < STEPS; s++) advance(0.01);
  h = hash_add(h, f64_bits(energy()));
  for (int i = 0; i < NB; i++) {
    h = hash_add(h, f64_bits(bodies[i].x) ^ f64_bits(bodies[i].vx));
    h = hash_add(h, f64_bits(bodies[i].y) ^ f64_bits(bodies[i].vy));
    h = hash_add(h, f64_bits(bodies[i].z) ^ f64_bits(bodies[i].vz));
  }
  return mix64(h);
}
