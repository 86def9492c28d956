# purgatory/arch/m68k/flags.mk - the m68k purgatory.
#
# -m68020-60: code for every CPU Linux/m68k kexec runs on (68020 to 68060),
# avoiding the 64-bit mul/div forms the 68060 does not implement (no
# kernel is there to emulate them in purgatory).  -msoft-float: no FPU
# instruction, whatever the compiler's default.  -fno-pic: the loader
# relocates the object (kexec/arch/m68k/reloc.c: R_68K_32/16/8 and
# PC32/16/8).
#
# No libgcc: its __muldi3 uses a multiply the 68060 lacks; the one helper
# needed (xxhash64's 64-bit multiply) is in libgcc-m68k.c, and the loader
# refuses an object with undefined symbols.
PURG_CFLAGS_m68k  = -m68020-60 -msoft-float -fno-pic -fno-common \
		    -fno-unwind-tables -fno-asynchronous-unwind-tables
PURG_LDFLAGS_m68k =
PURG_LIBS_m68k    =
