/*
 * Peak FP32 throughput of one core, measured: 12 independent chains of fused
 * multiply-adds in the widest vectors the compiler targets (-march=native), enough
 * chains to keep every FMA unit busy through the instruction's latency. Prints
 * FLOP/s (2 per lane per FMA), the best of several timed rounds.
 *
 * scripts/bench_engine.py compiles this and runs one copy per benchmark thread at
 * once, so the peak is taken at the clock the cores really run at (under a
 * hypervisor /proc/cpuinfo reports the nominal clock, not the turbo one).
 */
#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
#include <immintrin.h>
typedef __m512 vec;
#define LANES 16
#define SPLAT(x) _mm512_set1_ps(x)
#define FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define FIRST(v) _mm512_cvtss_f32(v)
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
typedef __m256 vec;
#define LANES 8
#define SPLAT(x) _mm256_set1_ps(x)
#define FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define FIRST(v) _mm256_cvtss_f32(v)
#else
typedef float vec __attribute__((vector_size(16)));
#define LANES 4
#define SPLAT(x) ((vec){x, x, x, x})
#define FMA(a, b, c) ((a) * (b) + (c))
#define FIRST(v) ((v)[0])
#endif

#define CHAINS 12
#define ROUNDS 5
#define ITERATIONS 50000000L

static double seconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec + now.tv_nsec * 1e-9;
}

int main(void) {
  /* volatile: distinct, unknown starting values, so the compiler cannot merge the chains */
  volatile float start[CHAINS] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const vec scale = SPLAT(0.999999f), shift = SPLAT(1e-7f);
  double best = 0, sink = 0;
  for (int round = 0; round < ROUNDS; round++) {
    /* twelve named registers rather than an array, which compilers keep in memory */
    vec c0 = SPLAT(start[0]), c1 = SPLAT(start[1]), c2 = SPLAT(start[2]), c3 = SPLAT(start[3]);
    vec c4 = SPLAT(start[4]), c5 = SPLAT(start[5]), c6 = SPLAT(start[6]), c7 = SPLAT(start[7]);
    vec c8 = SPLAT(start[8]), c9 = SPLAT(start[9]), c10 = SPLAT(start[10]), c11 = SPLAT(start[11]);
    double began = seconds();
    for (long n = 0; n < ITERATIONS; n++) {
      c0 = FMA(c0, scale, shift); c1 = FMA(c1, scale, shift); c2 = FMA(c2, scale, shift); c3 = FMA(c3, scale, shift);
      c4 = FMA(c4, scale, shift); c5 = FMA(c5, scale, shift); c6 = FMA(c6, scale, shift); c7 = FMA(c7, scale, shift);
      c8 = FMA(c8, scale, shift); c9 = FMA(c9, scale, shift); c10 = FMA(c10, scale, shift); c11 = FMA(c11, scale, shift);
    }
    double rate = (double)ITERATIONS * CHAINS * LANES * 2 / (seconds() - began);
    if (rate > best) best = rate;
    sink += FIRST(c0) + FIRST(c1) + FIRST(c2) + FIRST(c3) + FIRST(c4) + FIRST(c5) + FIRST(c6) + FIRST(c7) + FIRST(c8) + FIRST(c9) + FIRST(c10) + FIRST(c11);
  }
  printf("%.6e %d %.1f\n", best, LANES, sink);
  return 0;
}
