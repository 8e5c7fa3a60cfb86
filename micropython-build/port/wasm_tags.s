# zig's compiler_rt lacks the exception tag used by wasi-libc's setjmp/longjmp (MicroPython's NLR):
# define it here.
.globl __c_longjmp
.tagtype __c_longjmp i32
__c_longjmp:
