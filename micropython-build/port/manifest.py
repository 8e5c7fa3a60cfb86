# Pure-Python modules frozen into the guest image (compiled with mpy-cross at build time).
# $(MPY_LIB_DIR) is ../modules (see Makefile).
freeze("$(MPY_LIB_DIR)", ("_sandbox_fs.py", "datasette.py", "string.py", "zlib.py"))
