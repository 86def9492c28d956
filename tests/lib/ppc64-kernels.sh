# tests/lib/ppc64-kernels.sh - synthetic ppc64 kernels for host tests,
# sourced by the scripts that need them.  TMP must name a scratch folder.
# make_kernel CC-PREFIX OUTPUT: an ELF64 vmlinux look-alike linked at
# 0xc000000000000000 (physical 0) with two PT_LOADs and 8 MiB of bss.
# make_relocatable FILE le|be: mark it ET_DYN, as a relocatable vmlinux.

make_kernel() {	# cc-prefix output
	cat > "$TMP/k.S" <<'EOF'
	.section .text
	.globl _start
_start:	b	1f
	.space	0x1000 - 4
1:	b	1b
	.section .data
	.quad	0x1234
	.section .bss
	.space	0x800000
EOF
	cat > "$TMP/k.lds" <<'EOF'
ENTRY(_start)
SECTIONS {
	. = 0xc000000000000000;
	.text : AT(0) { *(.text) }
	. = ALIGN(0x10000);
	.data : AT(ADDR(.data) - 0xc000000000000000) { *(.data) }
	.bss : { *(.bss) }
	/DISCARD/ : { *(.note*) *(.comment) }
}
EOF
	"$1-gcc" -c "$TMP/k.S" -o "$TMP/k.o" &&
		"$1-ld" -T "$TMP/k.lds" "$TMP/k.o" -o "$2"
}

# Mark an ELF64 as ET_DYN (a relocatable vmlinux).
make_relocatable() {	# file le|be
	if [ "$2" = le ]; then printf '\003\000'; else printf '\000\003'; fi |
		dd of="$1" bs=1 seek=16 conv=notrunc 2>/dev/null
}

