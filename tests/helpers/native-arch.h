/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * native-arch.h - the AUDIT_ARCH of the architecture the test helpers are
 * built for, which their seccomp filters compare with seccomp_data.arch.
 * Include <linux/audit.h> first.
 */
#ifndef SIBLINGEXEC_NATIVE_ARCH_H
#define SIBLINGEXEC_NATIVE_ARCH_H

#if defined(__x86_64__)
# define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
# define NATIVE_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
# define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
# define NATIVE_ARCH AUDIT_ARCH_ARM		/* armel, armhf */
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
# define NATIVE_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__powerpc64__)
# define NATIVE_ARCH AUDIT_ARCH_PPC64
#elif defined(__riscv) && __riscv_xlen == 64
# define NATIVE_ARCH AUDIT_ARCH_RISCV64
#elif defined(__s390x__)
# define NATIVE_ARCH AUDIT_ARCH_S390X
#elif defined(__mips__) && _MIPS_SIM == _ABI64 && defined(__MIPSEL__)
# define NATIVE_ARCH AUDIT_ARCH_MIPSEL64	/* mips64el, n64 */
#elif defined(__loongarch__) && __loongarch_grlen == 64
# define NATIVE_ARCH AUDIT_ARCH_LOONGARCH64
#else
# error "add this architecture's AUDIT_ARCH to tests/helpers/native-arch.h"
#endif

#endif /* SIBLINGEXEC_NATIVE_ARCH_H */
