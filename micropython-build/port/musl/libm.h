// What musl's src/math/exp.c, log.c and pow.c take from musl's internal libm.h (src/internal/libm.h),
// for compiling them in the guest (port/Makefile), with the same definitions.
#ifndef _LIBM_H
#define _LIBM_H
#include <stdint.h>
#include <float.h>
#include <math.h>
#define hidden __attribute__((__visibility__("hidden")))
#define WANT_ROUNDING 1
#define issignaling_inline(x) 0
#define TOINT_INTRINSICS 0
#define predict_true(x) __builtin_expect(!!(x), 1)
#define predict_false(x) __builtin_expect(x, 0)
static inline double eval_as_double(double x) { double y = x; return y; }
static inline double fp_barrier(double x) { volatile double y = x; return y; }
static inline void fp_force_eval(double x) { volatile double y; y = x; (void)y; }
#define asuint64(f) ((union {double _f; uint64_t _i;}){f})._i
#define asdouble(i) ((union {uint64_t _i; double _f;}){i})._f
static inline double __math_xflow(uint32_t sign, double y) { return eval_as_double(fp_barrier(sign ? -y : y) * y); }
static inline double __math_oflow(uint32_t sign) { return __math_xflow(sign, 0x1p769); }
static inline double __math_uflow(uint32_t sign) { return __math_xflow(sign, 0x1p-767); }
static inline double __math_invalid(double x) { return (x - x) / (x - x); }
static inline double __math_divzero(uint32_t sign) { return fp_barrier(sign ? -1.0 : 1.0) / 0.0; }
#endif
