/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * purgatory-blobs.h - the purgatories embedded at build time, one
 * relocatable ELF object per target (see Makefile.in).
 */
#ifndef KX_PURGATORY_BLOBS_H
#define KX_PURGATORY_BLOBS_H

#include <stdint.h>

extern const unsigned char kx_purgatory_ppc64le[];
extern const uint64_t kx_purgatory_ppc64le_size;
extern const unsigned char kx_purgatory_ppc64be[];
extern const uint64_t kx_purgatory_ppc64be_size;
extern const unsigned char kx_purgatory_m68k[];
extern const uint64_t kx_purgatory_m68k_size;

#endif
