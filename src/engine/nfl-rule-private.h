/* nfl-rule-private.h: rule helpers shared inside the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-ruleset.h"

G_BEGIN_DECLS

gboolean  _nfl_icmp_type_from_name (const char *name,
                                    guint8     *type,
                                    guint8     *code_lo,
                                    guint8     *code_hi);
/* the order iptables-save prints the tables in */
extern const NflTableId _nfl_save_table_order[NFL_N_TABLES];

NflChain *_nfl_chain_new_user      (const char *name);
void      _nfl_chain_free          (NflChain   *chain);
void      _nfl_table_add_user_chain (NflTable  *table,
                                     NflChain  *chain);
void      _nfl_table_chains_changed (NflTable  *table);

/* Rules appended to one table in a row, as a restore or a scenario file
 * has them, checked as nfl_ruleset_insert_rule () would one after the
 * other, but with the jump graph once (nfl-ruleset.c).  _append ()
 * takes @rule and makes the checks that concern it alone (FALSE and
 * @error if it fails them); _flush () makes the others and puts the
 * rules that pass into their chains, calling @refused_cb in order for
 * each rule refused by either, with the index of its _append () call
 * (counted from 0 for the batch) and the error nfl_ruleset_check_rule ()
 * gives; if it returns FALSE, the rest are dropped and _flush () returns
 * FALSE.  Between flushes nothing but _append () and adding chains may
 * change the table. */
typedef struct _NflRuleBatch NflRuleBatch;
typedef gboolean (*NflRuleBatchRefused) (guint         index,
                                         const GError *error,
                                         gpointer      user_data);

NflRuleBatch *_nfl_rule_batch_new    (NflRuleset         *ruleset,
                                      NflTableId          table);
void          _nfl_rule_batch_free   (NflRuleBatch       *batch);
gboolean      _nfl_rule_batch_append (NflRuleBatch       *batch,
                                      const char         *chain,
                                      NflRule            *rule,
                                      GError            **error);
gboolean      _nfl_rule_batch_flush  (NflRuleBatch       *batch,
                                      NflRuleBatchRefused refused_cb,
                                      gpointer            user_data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflRuleBatch, _nfl_rule_batch_free)

/* The names iptables reads from /etc/services, /etc/protocols,
 * /etc/networks and /etc/hosts, as netbase 6.4 has them (built in, so
 * that a scenario means the same everywhere; see nfl-rule.c). */
gboolean    _nfl_service_port     (const char *name,
                                   guint16    *port);
const char *_nfl_service_name     (guint16     port,
                                   guint8      proto);   /* 0: any protocol */
const char *_nfl_protocol_chain_name (guint8  proto);   /* iptables' own names only */
gboolean    _nfl_protocol_number  (const char *name,
                                   guint8     *number);
const char *_nfl_host_name        (guint32     addr);    /* NULL: none */
gboolean    _nfl_host_address     (const char *name,
                                   guint32    *addr);

/* "/24", or "/255.0.255.0" for a mask that is not a prefix, or "" for
 * a host (/32): what iptables -L prints after an address */
void        _nfl_append_list_mask (GString    *out,
                                   guint32     mask);

/* The ICMP names of iptables' icmp match, aliases included, in its
 * order; *ambiguous is set when @name is a prefix of two of them. */
gboolean    _nfl_icmp_type_from_prefix (const char *name,
                                        guint8     *type,
                                        guint8     *code_lo,
                                        guint8     *code_hi,
                                        gboolean   *ambiguous);
/* The name the icmp match prints without -n, for exactly this range */
const char *_nfl_icmp_list_name   (guint8      type,
                                   guint8      code_lo,
                                   guint8      code_hi);

/* "NEW,ESTABLISHED": the states in the order iptables prints them */
const char *_nfl_ct_states_format (guint       states,
                                   char        buf[64]);

/* one name of --ctstatus (@len bytes of @name), added to *status */
gboolean    _nfl_ct_status_parse  (const char *name,
                                   size_t      len,
                                   guint8     *status);

/* --ctorigsrc's address as libxt_conntrack prints it */
const char *_nfl_ct_addr_format   (guint32     addr,
                                   guint32     mask,
                                   gboolean    numeric,
                                   char        buf[64]);

/* -m physdev's options in the order iptables-save prints them */
typedef struct {
  guint8      bit;      /* NFL_PHYSDEV_* */
  const char *option;   /* "--physdev-in" */
} NflPhysdevOption;

extern const NflPhysdevOption _nfl_physdev_options[5];

/* The port name of --physdev-in or --physdev-out, NULL for a flag. */
const char *_nfl_physdev_port (const NflMatch *m,
                               guint8          bit);

/* "LOCAL,BROADCAST": the types of a 1 << NflAddrType set in the kernel's
 * order, as libxt_addrtype prints them (all twelve take 96 bytes) */
const char *_nfl_addrtypes_format (guint16     types,
                                   char        buf[128]);

/* "3/hour": libxt_limit's print_rate (), the largest unit that gives a
 * whole number */
const char *_nfl_limit_rate_format (guint32     avg,
                                    char        buf[32]);

/* The words of an NFL_MATCH_UNMODELLED's text, unquoted */
GStrv       _nfl_rule_split_kept    (const char *text);

/* libxt_pkttype's name for a packet type: the first its table has
 * ("unicast" for PACKET_HOST), NULL for none */
const char *_nfl_pkttype_name (guint8 type);
/* a name libxt_pkttype reads (any case, aliases too) */
gboolean    _nfl_pkttype_parse (const char *name,
                                guint8     *type);

/* A tcp/udp port option that the kernel stores at all: a range other
 * than 0:65535 */
gboolean    _nfl_port_range_is_all (const NflPortRange *range);

/* -L CHAIN N: only that rule, without the header */
void        _nfl_iptables_list_rule (NflRuleset *ruleset,
                                     NflTableId  table,
                                     const char *chain,
                                     int         rule_number,
                                     gboolean    numeric,
                                     gboolean    verbose,
                                     gboolean    exact,
                                     gboolean    line_numbers,
                                     GString    *output);
/* the line -A/-I/-R/-D/-C print with -v */
void        _nfl_rule_print_verbose (const NflRule *rule,
                                     GString       *output);

/* the refusals of @rule in built-in chain @chain that go by the chain;
 * @bad_match: the match refused, or -1 for the target */
gboolean    _nfl_rule_check_builtin_chain (const NflRule  *rule,
                                           const char     *chain,
                                           const char     *op,
                                           int            *bad_match,
                                           GError        **error);

G_END_DECLS
