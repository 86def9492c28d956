// SPDX-License-Identifier: GPL-2.0-only
/*
 * purgatory.c - load the ppc64 purgatory and give it the new kernel's
 * first 0x100 bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "elf-rel.h"
#include "purgatory-blobs.h"
#include "purgatory.h"
#include "reloc.h"

/* Primary opcode of "b target" (I-form, AA = LK = 0). */
#define PPC_INSN_B		0x48000000u
#define PPC_INSN_B_MASK		0xfc000003u

int ppc64_purgatory_set_head(struct elf_rel *rel, const void *kernel_head,
			     size_t head_len, struct diag *d)
{
	uint8_t head[PPC64_PURGATORY_HEAD];
	uint32_t first;
	int ret;

	if (head_len < PPC64_PURGATORY_HEAD)
		return diag_fail(d, KX_EXIT_INPUT, -EINVAL,
				 "kernel image is only %zu bytes, shorter than its 0x%x-byte head",
				 head_len, PPC64_PURGATORY_HEAD);
	/* Checks that purgatory_start is exactly the head, in one section. */
	ret = elf_rel_get_symbol(rel, "purgatory_start", head, sizeof(head),
				 d);
	if (ret)
		return ret;
	first = elf_get32(&rel->elf, head);
	if ((first & PPC_INSN_B_MASK) != PPC_INSN_B)
		return diag_fail(d, KX_EXIT_FAILURE, -EINVAL,
				 "%s: purgatory_start does not begin with a branch (0x%08" PRIx32 ")",
				 rel->name, first);
	memcpy(head + 4, (const uint8_t *)kernel_head + 4,
	       PPC64_PURGATORY_HEAD - 4);
	return elf_rel_set_symbol(rel, "purgatory_start", head, sizeof(head),
				  d);
}

int ppc64_purgatory_load(struct kexec_ctx *ctx, bool big_endian,
			 const void *kernel_head, size_t head_len,
			 const struct hole_req *req, uint64_t *entry)
{
	const unsigned char *blob;
	uint64_t size;
	int ret;

	if (head_len < PPC64_PURGATORY_HEAD)
		return diag_fail(&ctx->diag, KX_EXIT_INPUT, -EINVAL,
				 "kernel image is only %zu bytes, shorter than its 0x%x-byte head",
				 head_len, PPC64_PURGATORY_HEAD);
	blob = big_endian ? kx_purgatory_ppc64be : kx_purgatory_ppc64le;
	size = big_endian ? kx_purgatory_ppc64be_size :
			    kx_purgatory_ppc64le_size;
	ret = kx_load_purgatory(ctx, blob, (size_t)size, &ppc64_rel_arch, req,
				entry);
	if (ret)
		return ret;
	/* ctx->purgatory owns the relocated image; the plan borrows it. */
	return ppc64_purgatory_set_head(ctx->purgatory, kernel_head, head_len,
					&ctx->diag);
}
