/* nfl-types.h: small value types shared by every engine unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The four iptables tables, in the order iptables-save prints the ones it
 * knows about is not this order; this is the order of their hook priorities
 * (raw -300, mangle -150, nat -100/+100, filter 0). */
typedef enum {
  NFL_TABLE_RAW,
  NFL_TABLE_MANGLE,
  NFL_TABLE_NAT,
  NFL_TABLE_FILTER,
  NFL_N_TABLES
} NflTableId;

typedef enum {
  NFL_HOOK_PREROUTING,
  NFL_HOOK_INPUT,
  NFL_HOOK_FORWARD,
  NFL_HOOK_OUTPUT,
  NFL_HOOK_POSTROUTING,
  NFL_N_HOOKS
} NflHook;

/* Connection-tracking states as iptables' state/conntrack matches name
 * them; the values are bits so a rule can hold a set. */
typedef enum {
  NFL_CT_INVALID     = 1 << 0,
  NFL_CT_NEW         = 1 << 1,
  NFL_CT_ESTABLISHED = 1 << 2,
  NFL_CT_RELATED     = 1 << 3,
  NFL_CT_UNTRACKED   = 1 << 4,
  NFL_CT_SNAT        = 1 << 5,
  NFL_CT_DNAT        = 1 << 6,
} NflCtState;

/* The kernel's route types (RTN_*) as the addrtype match names them, in
 * its order: a rule holds a set of them as bits 1 << type. */
typedef enum {
  NFL_ADDRTYPE_UNSPEC,
  NFL_ADDRTYPE_UNICAST,
  NFL_ADDRTYPE_LOCAL,
  NFL_ADDRTYPE_BROADCAST,
  NFL_ADDRTYPE_ANYCAST,
  NFL_ADDRTYPE_MULTICAST,
  NFL_ADDRTYPE_BLACKHOLE,
  NFL_ADDRTYPE_UNREACHABLE,
  NFL_ADDRTYPE_PROHIBIT,
  NFL_ADDRTYPE_THROW,
  NFL_ADDRTYPE_NAT,
  NFL_ADDRTYPE_XRESOLVE,
  NFL_N_ADDRTYPES
} NflAddrType;

#define NFL_IFNAMSIZ 16       /* the kernel's IFNAMSIZ, including the NUL */
#define NFL_CHAIN_MAXLEN 28   /* iptables' XT_EXTENSION_MAXNAMELEN - 1 */

const char *nfl_table_name      (NflTableId  table);
gboolean    nfl_table_from_name (const char *name,
                                 NflTableId *out);
const char *nfl_hook_name       (NflHook     hook);
gboolean    nfl_hook_from_name  (const char *name,
                                 NflHook    *out);
const char *nfl_addrtype_name   (NflAddrType type);
gboolean    nfl_table_has_hook  (NflTableId  table,
                                 NflHook     hook);

/* IPv4 addresses are kept in host byte order throughout the engine so that
 * prefix arithmetic is plain integer arithmetic. */
char       *nfl_ipv4_to_string  (guint32     addr);
/* "10.1.0.5/24" */
char       *nfl_ipv4_cidr_to_string (guint32 addr,
                                     guint   prefix_len);
void        nfl_ipv4_format     (guint32     addr,
                                 char        buf[16]);
gboolean    nfl_ipv4_parse      (const char *text,
                                 guint32    *addr);
gboolean    nfl_ipv4_parse_cidr (const char *text,
                                 guint32    *addr,
                                 guint      *prefix_len);
guint32     nfl_prefix_mask     (guint       prefix_len);
int         nfl_mask_prefix_len (guint32     mask);

gboolean    nfl_interface_name_is_valid (const char *name,
                                         GError    **error);
/* Whether @name is what an iptables interface word means: the name itself,
 * or, ending in "+", any name that starts with what comes before it. */
gboolean    nfl_interface_pattern_matches (const char *pattern,
                                           const char *name);
gboolean    nfl_namespace_name_is_valid (const char *name,
                                         GError    **error);

G_END_DECLS
