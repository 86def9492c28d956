# purgatory/arch/ppc64/flags.mk - the two ppc64 purgatories.
#
# Both variants use the ELFv2 ABI, whatever the compiler's default: the
# purgatory is self-contained (its own entry code, no libc, no libgcc), and
# ELFv2 has no function descriptors, so the loader only needs the local
# entry offset for calls (kexec/arch/ppc64/reloc.c).  Both
# powerpc64le-linux-gnu-gcc and powerpc64-linux-gnu-gcc build either
# variant with these flags, so a big-endian ELFv2 userland builds it too.
#
# No vector, VSX or floating point: purgatory runs before the new kernel
# has enabled any facility, and GCC 12 auto-vectorises plain loops.
# -mcmodel=medium keeps data accesses to TOC16_HA/LO pairs.
# Little-endian ppc64 needs POWER8 anyway; big-endian code must run on
# every 64-bit server CPU (POWER4+, 970, Cell/PS3), so it targets the
# generic 64-bit ISA.
PURG_PPC64_CFLAGS = -mabi=elfv2 -mcmodel=medium -mno-altivec -mno-vsx \
		    -msoft-float -mno-multiple -fno-unwind-tables \
		    -fno-asynchronous-unwind-tables -fno-common \
		    -fno-tree-vectorize -mtune=power8

PURG_CFLAGS_ppc64le  = -mlittle-endian -mcpu=power8 $(PURG_PPC64_CFLAGS)
PURG_LDFLAGS_ppc64le =
PURG_LIBS_ppc64le    =

PURG_CFLAGS_ppc64be  = -mbig-endian -mcpu=powerpc64 $(PURG_PPC64_CFLAGS)
PURG_LDFLAGS_ppc64be =
PURG_LIBS_ppc64be    =
