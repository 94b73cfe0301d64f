/**
 * The kernel's numbers, as `include/uapi/linux/rtnetlink.h` and `fib_rules.h` define them, and
 * the error texts iproute2 prints for a refused request or a failed `route get`.
 *
 * A refused request carries an errno and, often, an extack message. iproute2 prints the message
 * as `Error: <message>.` (adding the final period) and a bare errno as
 * `RTNETLINK answers: <strerror>`; `kernelErrorText` does the same.
 */

/** Route types (`rtm_type`). */
export const RTN = {
  UNSPEC: 0,
  UNICAST: 1,
  LOCAL: 2,
  BROADCAST: 3,
  ANYCAST: 4,
  MULTICAST: 5,
  BLACKHOLE: 6,
  UNREACHABLE: 7,
  PROHIBIT: 8,
  THROW: 9,
  NAT: 10,
  XRESOLVE: 11,
} as const;

/** Route and address scopes (`rtm_scope`, `ifa_scope`): larger is narrower. */
export const SCOPE = { UNIVERSE: 0, SITE: 200, LINK: 253, HOST: 254, NOWHERE: 255 } as const;

/** Reserved table ids. */
export const TABLE = { UNSPEC: 0, DEFAULT: 253, MAIN: 254, LOCAL: 255 } as const;

/** Rule actions (`fib_rule_hdr.action`). They share numbers with route types on purpose. */
export const FR_ACT = { UNSPEC: 0, TO_TBL: 1, GOTO: 2, NOP: 3, BLACKHOLE: 6, UNREACHABLE: 7, PROHIBIT: 8 } as const;

/** Route protocols the kernel itself sets (`rtm_protocol`). */
export const RTPROT = { UNSPEC: 0, KERNEL: 2, BOOT: 3 } as const;

/** `rtable.rt_flags` bits that `route get` reports (iproute2 prints them as `cache`). */
export const RTCF = {
  DOREDIRECT: 0x01000000,
  BROADCAST: 0x10000000,
  MULTICAST: 0x20000000,
  LOCAL: 0x80000000,
} as const;

/** The errnos routing produces, as positive numbers (the kernel returns them negated). */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EAGAIN: 11,
  EACCES: 13,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  EINVAL: 22,
  EMSGSIZE: 90,
  EADDRNOTAVAIL: 99,
  ENETDOWN: 100,
  ENETUNREACH: 101,
  EHOSTUNREACH: 113,
} as const;

const STRERROR: Readonly<Record<number, string>> = {
  [ERRNO.EPERM]: "Operation not permitted",
  [ERRNO.ENOENT]: "No such file or directory",
  [ERRNO.ESRCH]: "No such process",
  [ERRNO.EAGAIN]: "Resource temporarily unavailable",
  [ERRNO.EACCES]: "Permission denied",
  [ERRNO.EEXIST]: "File exists",
  [ERRNO.EXDEV]: "Invalid cross-device link",
  [ERRNO.ENODEV]: "No such device",
  [ERRNO.EINVAL]: "Invalid argument",
  [ERRNO.EMSGSIZE]: "Message too long",
  [ERRNO.EADDRNOTAVAIL]: "Cannot assign requested address",
  [ERRNO.ENETDOWN]: "Network is down",
  [ERRNO.ENETUNREACH]: "Network is unreachable",
  [ERRNO.EHOSTUNREACH]: "No route to host",
};

/** What iproute2 prints for a refused request: `Error: msg.` or `RTNETLINK answers: strerror`. */
export function kernelErrorText(errno: number, extack?: string): string {
  if (extack !== undefined) return `Error: ${extack}${extack.endsWith(".") ? "" : "."}`;
  return `RTNETLINK answers: ${STRERROR[errno] ?? `errno ${errno}`}`;
}

/**
 * A request the kernel refused. Thrown inside the model while a request is applied and caught
 * per batch line; never escapes the routing API.
 */
export class KernelError extends Error {
  override readonly name = "KernelError";

  constructor(
    readonly errno: number,
    readonly extack?: string,
  ) {
    super(kernelErrorText(errno, extack));
  }
}

/** Throws the refusal `errno` (with an extack message when the kernel gives one). */
export function refuse(errno: number, extack?: string): never {
  throw new KernelError(errno, extack);
}

/** The error a route type yields when a lookup lands on it (`fib_props[type].error`), 0 if none. */
export function routeTypeError(type: number): number {
  switch (type) {
    case RTN.BLACKHOLE:
    case RTN.NAT:
    case RTN.XRESOLVE:
      return ERRNO.EINVAL;
    case RTN.UNREACHABLE:
      return ERRNO.EHOSTUNREACH;
    case RTN.PROHIBIT:
      return ERRNO.EACCES;
    case RTN.THROW:
      return ERRNO.EAGAIN;
    default:
      return 0;
  }
}

/** The widest scope a route type allows (`fib_props[type].scope`). */
export function routeTypeScope(type: number): number {
  switch (type) {
    case RTN.LOCAL:
      return SCOPE.HOST;
    case RTN.BROADCAST:
    case RTN.ANYCAST:
      return SCOPE.LINK;
    case RTN.UNSPEC:
    case RTN.NAT:
    case RTN.XRESOLVE:
      return SCOPE.NOWHERE;
    default:
      return SCOPE.UNIVERSE;
  }
}
