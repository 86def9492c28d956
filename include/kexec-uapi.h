/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kexec-uapi.h - the kernel's kexec interface, as numbers.
 *
 * Our own definitions of the values in include/uapi/linux/kexec.h and
 * include/uapi/linux/reboot.h, so the loader builds against any libc and
 * describes every architecture whatever the host.
 */
#ifndef KX_KEXEC_UAPI_H
#define KX_KEXEC_UAPI_H

#define KX_KEXEC_ON_CRASH		0x00000001
#define KX_KEXEC_PRESERVE_CONTEXT	0x00000002
#define KX_KEXEC_CRASH_HOTPLUG_SUPPORT	0x00000008	/* Linux 6.10 */
#define KX_KEXEC_ARCH_MASK		0xffff0000
#define KX_KEXEC_ARCH_68K		(4 << 16)
#define KX_KEXEC_ARCH_PPC64		(21 << 16)

#define KX_KEXEC_FILE_UNLOAD		0x00000001
#define KX_KEXEC_FILE_ON_CRASH		0x00000002
#define KX_KEXEC_FILE_NO_INITRAMFS	0x00000004
#define KX_KEXEC_FILE_NO_CMA		0x00000010	/* Linux 6.17 */

#define KX_KEXEC_SEGMENT_MAX		16

#define KX_REBOOT_MAGIC1		0xfee1dead
#define KX_REBOOT_MAGIC2		672274793
#define KX_REBOOT_CMD_KEXEC		0x45584543

#endif /* KX_KEXEC_UAPI_H */
