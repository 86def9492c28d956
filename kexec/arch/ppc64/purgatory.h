/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * purgatory.h - loading the ppc64 purgatory (the "v2wrap" trampoline plus
 * the generic checksum code) for a kexec_load of a 64-bit PowerPC kernel.
 */
#ifndef KX_ARCH_PPC64_PURGATORY_H
#define KX_ARCH_PPC64_PURGATORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kexec.h"

/* Bytes at the kexec entry point that the running kernel copies to
 * physical 0; the secondary CPUs then run the new kernel's hold loop at
 * 0x60 in that copy. */
#define PPC64_PURGATORY_HEAD	0x100

/*
 * Load the embedded ppc64 purgatory into ctx (through kx_load_purgatory():
 * placed per req, relocated, added as the SEG_PURGATORY segment, kept in
 * ctx->purgatory) and make it the kexec entry: bytes [4, 0x100) of
 * purgatory_start are replaced by the same bytes of the new kernel, so
 * that the copy the running kernel makes at 0 holds the new kernel's
 * __secondary_hold (0x60) and __run_at_load (0x5c); byte 0 keeps
 * purgatory's branch to its master code.
 *
 * big_endian: the byte order of the *running* kernel (purgatory_start is
 * entered in it), not the new kernel's; the new kernel is always entered
 * big-endian.
 * kernel_head/head_len: the new kernel's first bytes as they will lie at
 * its load address (at least 0x100; edit __run_at_load before calling).
 * req: where purgatory may go: inside the real-mode area, since it runs
 * with the MMU off (its stack is inside the segment).
 * *entry receives the address of purgatory_start, the kexec entry point.
 *
 * The caller's finalize hook fills kx_params.arch[KX_PPC64_KERNEL] (the
 * kernel entry), [KX_PPC64_DT] (device tree address; purgatory stores the
 * master CPU as its boot_cpuid_phys), the OPAL words and the console.
 *
 * Returns 0; -EINVAL with a diagnostic when head_len < 0x100 or the
 * embedded purgatory is not as expected; -ENOSPC/-ENOMEM and the other
 * errors of kx_load_purgatory() (diagnostic set).
 */
int ppc64_purgatory_load(struct kexec_ctx *ctx, bool big_endian,
			 const void *kernel_head, size_t head_len,
			 const struct hole_req *req, uint64_t *entry);

/*
 * Patch the head of an already relocated purgatory (the part of
 * ppc64_purgatory_load() after kx_load_purgatory(); for tests).  0, or
 * -EINVAL with a diagnostic.
 */
int ppc64_purgatory_set_head(struct elf_rel *rel, const void *kernel_head,
			     size_t head_len, struct diag *d);

#endif /* KX_ARCH_PPC64_PURGATORY_H */
