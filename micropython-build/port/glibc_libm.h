// exp, log and pow as glibc computes them (port/Makefile compiles them from musl's source with
// musl-patches/): forced into every C file of the guest, so that MicroPython's math module, float `**`
// and cmath call these instead of the C library's, whose exp is another algorithm and whose log and pow
// round without glibc's fused multiply-adds. Their tables are renamed too: the C library's own copies
// stay linked for its other functions (exp2, log2 ...).
#ifndef GLIBC_LIBM_H
#define GLIBC_LIBM_H
#define exp glibc_exp
#define log glibc_log
#define pow glibc_pow
#define __exp_data glibc_exp_data
#define __log_data glibc_log_data
#define __pow_log_data glibc_pow_log_data
#endif
