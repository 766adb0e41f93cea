/* A first-layer convolution (one input channel) fused with the max-pool after it, for
   the CPU. PyTorch runs these as two ops and keeps the full-resolution convolution
   output, C × H × W floats per image, for the pool's backward (a zero-filled tensor of
   the same size, then the convolution's weight gradient from it). For Sean's model
   that is 3.2 MB written and read several times per step at batch 32, about a third
   of a step on 2 cores. Here each pooled pixel computes its window's convolution
   outputs in registers and keeps only the maximum and which window position held it;
   the backward computes the weight and bias gradients straight from those.

   Semantics follow PyTorch's max_pool2d: windows scan rows then columns, a value
   replaces the maximum when it is greater or NaN, positions outside the convolution
   output (pool padding) are skipped. The input gradient is not computed: the first
   layer's input is the data.

   Layouts (channels-last throughout, C = filters, CP = C rounded up to 8):
     x     [N][XH][XW]    the input already zero-padded by the convolution's padding
     wt    [K*K][CP]      weights, tap-major, zero beyond C; bias [CP] or NULL
     out   [N][PH][PW][C] pooled maxima;  arg [N][PH][PW][C] position in the window
     grad  [N][PH][PW][C] gradient of out; gw [K*K][CP], gb [CP] its weight/bias sums */
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef float v8 __attribute__((vector_size(32), aligned(4)));
typedef int32_t i8 __attribute__((vector_size(32), aligned(4)));
typedef uint8_t b8 __attribute__((vector_size(8), aligned(1)));

typedef struct {
    int xh, xw, c;              /* padded input height, width; filters */
    int k, stride, dil;         /* convolution */
    int oh, ow;                 /* convolution output height, width */
    int size, pstride, ppad;    /* pool */
    int ph, pw;                 /* pooled height, width */
} geometry;

/* The constants a call is compiled for: a specialised copy for the common geometry
   lets the compiler unroll the taps and keep the accumulators in registers. */
typedef struct { int k, stride, dil, size, pstride, ppad; } shape;

/* Window of pooled pixel (pi, pj): its corner (hs, ws) in the convolution output and
   the offsets [h0, h1) × [w0, w1) that lie inside it. */
typedef struct { int hs, ws, h0, h1, w0, w1; } window;

static inline window window_of(const geometry *g, const shape s, int pi, int pj) {
    window v;
    v.hs = pi * s.pstride - s.ppad;
    v.ws = pj * s.pstride - s.ppad;
    if (s.ppad == 0) { /* floor mode: such a window lies wholly inside the output */
        v.h0 = v.w0 = 0;
        v.h1 = v.w1 = s.size;
        return v;
    }
    v.h0 = v.hs < 0 ? -v.hs : 0;
    v.w0 = v.ws < 0 ? -v.ws : 0;
    v.h1 = g->oh - v.hs < s.size ? g->oh - v.hs : s.size;
    v.w1 = g->ow - v.ws < s.size ? g->ow - v.ws : s.size;
    return v;
}

static inline int lanes_from(const geometry *g, int c0) { return g->c - c0 < 8 ? g->c - c0 : 8; }

#define BLOCKS 4 /* 8-channel vectors computed together: independent FMA chains */

static inline __attribute__((always_inline)) void forward_group(const geometry *g, const shape s, const float *image, const float *wt,
                                                                const float *bias, float *out, uint8_t *arg, const window win, int c0, const int nb) {
    const int cp = (g->c + 7) & ~7;
    v8 best[BLOCKS], b[BLOCKS];
    i8 besti[BLOCKS];
    for (int j = 0; j < nb; j++) {
        best[j] = (v8){0} - INFINITY;
        besti[j] = (i8){0} + (win.h0 * s.size + win.w0);
        b[j] = bias ? *(const v8 *)(bias + c0 + 8 * j) : (v8){0};
    }
    for (int dh = win.h0; dh < win.h1; dh++)
        for (int dw = win.w0; dw < win.w1; dw++) {
            const float *corner = image + (win.hs + dh) * s.stride * g->xw + (win.ws + dw) * s.stride;
            v8 acc[BLOCKS];
            for (int j = 0; j < nb; j++) acc[j] = b[j];
            for (int kh = 0; kh < s.k; kh++)
                for (int kw = 0; kw < s.k; kw++) {
                    const float v = corner[(kh * g->xw + kw) * s.dil];
                    const float *w = wt + (kh * s.k + kw) * cp + c0;
                    for (int j = 0; j < nb; j++) acc[j] += v * *(const v8 *)(w + 8 * j);
                }
            const int p = dh * s.size + dw;
            for (int j = 0; j < nb; j++) {
                const i8 take = (acc[j] > best[j]) | (acc[j] != acc[j]);
                best[j] = (v8)((take & (i8)acc[j]) | (~take & (i8)best[j]));
                besti[j] = (take & p) | (~take & besti[j]);
            }
        }
    for (int j = 0; j < nb; j++) {
        const int lanes = lanes_from(g, c0 + 8 * j);
        const b8 small = __builtin_convertvector(besti[j], b8);
        if (lanes == 8) {
            *(v8 *)(out + c0 + 8 * j) = best[j];
            *(b8 *)(arg + c0 + 8 * j) = small;
        } else {
            memcpy(out + c0 + 8 * j, &best[j], 4 * lanes);
            memcpy(arg + c0 + 8 * j, &small, lanes);
        }
    }
}

static inline __attribute__((always_inline)) void forward(const geometry *g, const shape s, const float *x, const float *wt,
                                                          const float *bias, float *out, uint8_t *arg, int n) {
    const int cp = (g->c + 7) & ~7, full = cp / (8 * BLOCKS) * (8 * BLOCKS);
    for (int i = 0; i < n; i++) {
        const float *image = x + (size_t)i * g->xh * g->xw;
        for (int pi = 0; pi < g->ph; pi++)
            for (int pj = 0; pj < g->pw; pj++) {
                const window win = window_of(g, s, pi, pj);
                const size_t at = (((size_t)i * g->ph + pi) * g->pw + pj) * g->c;
                for (int c0 = 0; c0 < full; c0 += 8 * BLOCKS) forward_group(g, s, image, wt, bias, out + at, arg + at, win, c0, BLOCKS);
                switch ((cp - full) / 8) {
                    case 1: forward_group(g, s, image, wt, bias, out + at, arg + at, win, full, 1); break;
                    case 2: forward_group(g, s, image, wt, bias, out + at, arg + at, win, full, 2); break;
                    case 3: forward_group(g, s, image, wt, bias, out + at, arg + at, win, full, 3); break;
                }
            }
    }
}

static inline __attribute__((always_inline)) void backward(const geometry *g, const shape s, const float *x, const float *grad,
                                                           const uint8_t *arg, float *gw, float *gb, int n) {
    const int cp = (g->c + 7) & ~7;
    for (int c0 = 0; c0 < cp; c0 += 8) {
        const int lanes = lanes_from(g, c0);
        v8 acc[s.k * s.k], bacc = {0};
        for (int t = 0; t < s.k * s.k; t++) acc[t] = (v8){0};
        for (int i = 0; i < n; i++) {
            const float *image = x + (size_t)i * g->xh * g->xw;
            for (int pi = 0; pi < g->ph; pi++)
                for (int pj = 0; pj < g->pw; pj++) {
                    const window win = window_of(g, s, pi, pj);
                    const size_t at = (((size_t)i * g->ph + pi) * g->pw + pj) * g->c + c0;
                    v8 gr = {0};
                    b8 small = {0};
                    if (lanes == 8) {
                        gr = *(const v8 *)(grad + at);
                        small = *(const b8 *)(arg + at);
                    } else {
                        memcpy(&gr, grad + at, 4 * lanes);
                        memcpy(&small, arg + at, lanes);
                    }
                    const i8 a = __builtin_convertvector(small, i8);
                    bacc += gr;
                    for (int dh = win.h0; dh < win.h1; dh++)
                        for (int dw = win.w0; dw < win.w1; dw++) {
                            const float *corner = image + (win.hs + dh) * s.stride * g->xw + (win.ws + dw) * s.stride;
                            const v8 routed = (v8)((i8)gr & (a == dh * s.size + dw));
                            for (int kh = 0; kh < s.k; kh++)
                                for (int kw = 0; kw < s.k; kw++) acc[kh * s.k + kw] += corner[(kh * g->xw + kw) * s.dil] * routed;
                        }
                }
        }
        for (int t = 0; t < s.k * s.k; t++) memcpy(gw + t * cp + c0, &acc[t], 32);
        memcpy(gb + c0, &bacc, 32);
    }
}

static int is(const geometry *g, shape s) {
    return g->k == s.k && g->stride == s.stride && g->dil == s.dil && g->size == s.size && g->pstride == s.pstride && g->ppad == s.ppad;
}

static const shape CONV3_POOL2 = {3, 1, 1, 2, 2, 0};

void conv_pool_forward(const geometry *g, const float *x, const float *wt, const float *bias, float *out, uint8_t *arg, int n) {
    if (is(g, CONV3_POOL2)) forward(g, CONV3_POOL2, x, wt, bias, out, arg, n);
    else forward(g, (shape){g->k, g->stride, g->dil, g->size, g->pstride, g->ppad}, x, wt, bias, out, arg, n);
}

void conv_pool_backward(const geometry *g, const float *x, const float *grad, const uint8_t *arg, float *gw, float *gb, int n) {
    if (is(g, CONV3_POOL2)) backward(g, CONV3_POOL2, x, grad, arg, gw, gb, n);
    else backward(g, (shape){g->k, g->stride, g->dil, g->size, g->pstride, g->ppad}, x, grad, arg, gw, gb, n);
}
