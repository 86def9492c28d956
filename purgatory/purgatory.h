/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * purgatory.h - the generic part of every purgatory.
 *
 * Purgatory runs between the old kernel and the new one, with the MMU off
 * and no services.  The architecture's entry code sets up a stack, calls
 * kx_purgatory(), and then enters the new kernel.  The generic code
 * verifies the segment digests that the loader stored in kx_params.
 */
#ifndef KX_PURGATORY_H
#define KX_PURGATORY_H

#include <stddef.h>

#include "purgatory-params.h"

/* Filled in by the loader (found by name, size-checked). */
extern struct kx_params kx_params;

/*
 * Verify every region when KX_PF_VERIFY is set.  Returns 0 when all match
 * (or nothing is to be checked); on a mismatch prints which region failed
 * and returns -1.
 */
int kx_purgatory(void);

/* Console output through the arch hook; harmless with no console. */
void kx_puts(const char *s);
void kx_put_hex(kx_u64 v);
/* With KX_PF_TRACE (kexec -d): say where the new kernel is entered. */
void kx_trace_entry(kx_u64 entry);

/* Arch hooks, one definition each per architecture. */
void kx_arch_putchar(int c);		/* KX_CONSOLE_NONE: do nothing */
void kx_arch_halt(void) __attribute__((noreturn));

/* Freestanding helpers (gcc may emit calls to these). */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
