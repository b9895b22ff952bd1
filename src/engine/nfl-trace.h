/* nfl-trace.h: what the simulator saw, event by event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nfl-packet.h"
#include "nfl-types.h"

G_BEGIN_DECLS

typedef enum {
  NFL_EVENT_PACKET_CREATED,  /* text: why (probe, echo reply, ICMP error…) */
  NFL_EVENT_ROUTE,           /* text: the decision */
  NFL_EVENT_CONNTRACK,       /* text: state and entry */
  NFL_EVENT_CHAIN,           /* entering table/chain */
  NFL_EVENT_RULE,            /* rules evaluated: one that matched, or a run that did not */
  NFL_EVENT_TARGET,          /* a matching rule's target applied; text: verdict */
  NFL_EVENT_POLICY,          /* a built-in chain's policy applied */
  NFL_EVENT_RETURN,          /* falling off or RETURN from a user chain */
  NFL_EVENT_NAT,             /* text: the translation; snapshot is after it */
  NFL_EVENT_LOG,             /* text: the LOG line */
  NFL_EVENT_CHANGED,         /* a header field or the mark changed; text says which */
  NFL_EVENT_LINK,            /* text: from → to */
  NFL_EVENT_DELIVERED,       /* to a local socket or the stack */
  NFL_EVENT_DROPPED,         /* text: why */
  NFL_EVENT_OUTCOME,         /* text: the outcome */
  NFL_EVENT_NFLOG,           /* text: what nfnetlink_log hands to its group: never a kernel LOG line */
} NflEventKind;

/* Which part of a rule failed to match, for NFL_EVENT_RULE. */
enum {
  NFL_RULE_MATCHED = -1,
  NFL_RULE_FAILED_SOURCE = 0,
  NFL_RULE_FAILED_DESTINATION,
  NFL_RULE_FAILED_IN,
  NFL_RULE_FAILED_OUT,
  NFL_RULE_FAILED_PROTOCOL,
  NFL_RULE_FAILED_FRAGMENT,
  NFL_RULE_FAILED_MATCH_BASE = 16,  /* + index of the -m match */
};

/* A -m conntrack that fails also tells which of its parts did, in the
 * bits above NFL_RULE_FAILED_MATCH_MASK (nfl_rule_failure_ct_part ()),
 * and the trace keeps what the packet's entry had there
 * (nfl_trace_get_rule_failure_value ()). */
#define NFL_RULE_FAILED_MATCH_MASK 0x7ff
#define NFL_RULE_FAILED_PART_SHIFT 11
enum {
  NFL_RULE_FAILED_CT_UNTOLD,      /* not a -m conntrack, or not told */
  NFL_RULE_FAILED_CT_STATE,       /* --ctstate */
  NFL_RULE_FAILED_CT_NO_ENTRY,    /* another option, on a packet without an entry */
  NFL_RULE_FAILED_CT_OPTION,      /* + the bit number of the NFL_CT_OPT_* that failed */
};

/* the index of the -m match that failed, or -1 for another part */
int   nfl_rule_failure_match   (int failed);
/* NFL_RULE_FAILED_CT_*: which part of a -m conntrack failed */
guint nfl_rule_failure_ct_part (int failed);

/* Events are small, and consecutive rules that do not match share one
 * NFL_EVENT_RULE event (@n_rules of them from @rule on, each with its
 * failing part in nfl_trace_get_rule_failure()), so that a packet going
 * through a chain of thousands of rules costs a few events, not thousands.
 * A rule that matches always has an event of its own (@n_rules 1,
 * @failed NFL_RULE_MATCHED). */
typedef struct {
  NflEventKind kind;
  guint16      packet;     /* 1-based, in the order packets were made */
  gint16       ns;         /* index of the namespace, -1 for none */
  gint8        table;      /* NflTableId or -1 */
  gint8        hook;       /* NflHook or -1 */
  gint32       chain;      /* index in the table's chains, or -1 */
  gint32       rule;       /* 0-based index in the chain, or -1 */
  gint32       failed;     /* NFL_RULE_*: the (first) rule's outcome */
  guint32      n_rules;    /* NFL_EVENT_RULE: how many rules, from @rule on */
  guint32      failures;   /* NFL_EVENT_RULE: where their failing parts start */
  guint32      snapshot;   /* index of the packet state at this event */
  char        *text;
} NflTraceEvent;

typedef struct _NflTrace NflTrace;

/* The TCP states of nf_conntrack_proto_tcp that a handshake goes
 * through, as conntrack -L names them. */
typedef enum {
  NFL_TCP_CT_NONE,          /* not TCP */
  NFL_TCP_CT_SYN_SENT,
  NFL_TCP_CT_SYN_RECV,
  NFL_TCP_CT_ESTABLISHED,
  NFL_TCP_CT_CLOSE,
} NflTcpCtState;

typedef struct {
  guint32 src, dst;
  guint16 sport, dport;     /* ICMP: the echo id in both */
  guint8  icmp_type;
} NflConntrackTuple;

enum {
  NFL_CONNTRACK_SEEN_REPLY = 1 << 0,
  NFL_CONNTRACK_SRC_NAT    = 1 << 1,
  NFL_CONNTRACK_DST_NAT    = 1 << 2,
};

/* A confirmed conntrack entry as it is from trace event @event on; a
 * later record with the same @ns and @id replaces it. */
typedef struct {
  guint             event;
  gint16            ns;
  guint16           id;
  guint8            proto;
  guint8            flags;       /* NFL_CONNTRACK_* */
  NflTcpCtState     tcp_state;
  NflConntrackTuple original;
  NflConntrackTuple reply;
  guint32           mark;        /* ct->mark, which CONNMARK sets */
} NflConntrackRecord;

#define NFL_TYPE_TRACE (nfl_trace_get_type ())

GType                 nfl_trace_get_type        (void) G_GNUC_CONST;
NflTrace             *nfl_trace_new             (void);
NflTrace             *nfl_trace_ref             (NflTrace   *trace);
void                  nfl_trace_unref           (NflTrace   *trace);

guint                 nfl_trace_get_n_events    (NflTrace   *trace);
const NflTraceEvent  *nfl_trace_get_event       (NflTrace   *trace,
                                                 guint       index);
/* For an NFL_EVENT_RULE event: NFL_RULE_MATCHED or the failing part of
 * rule @event->rule + @nth (@nth < @event->n_rules). */
int                   nfl_trace_get_rule_failure (NflTrace            *trace,
                                                  const NflTraceEvent *event,
                                                  guint                nth);
/* What the entry had where a -m conntrack option failed (rule @nth of
 * @event): the address, port, protocol, NFL_CT_STATUS_* bits, seconds
 * left, or 1 for a reply's direction and 0 for the original's.  FALSE
 * when the failure has no such value. */
gboolean              nfl_trace_get_rule_failure_value (NflTrace            *trace,
                                                        const NflTraceEvent *event,
                                                        guint                nth,
                                                        guint32             *value);
const NflPacket      *nfl_trace_get_snapshot    (NflTrace   *trace,
                                                 guint       index);
guint                 nfl_trace_get_n_packets   (NflTrace   *trace);
const char           *nfl_trace_get_outcome     (NflTrace   *trace);
/* -m statistic --mode random: the seed the draws came from (the probe's)
 * and how many were made; another seed may take another path */
guint32               nfl_trace_get_seed        (NflTrace   *trace);
guint                 nfl_trace_get_n_draws     (NflTrace   *trace);
const char           *nfl_trace_get_namespace_name (NflTrace *trace,
                                                    int       ns);
guint                 nfl_trace_get_n_conntrack_records (NflTrace *trace);
const NflConntrackRecord *nfl_trace_get_conntrack_record (NflTrace *trace,
                                                          guint     index);
/* The entry as conntrack -L prints it, without timeout and counters:
 * "icmp src=10.2.0.10 dst=169.254.169.254 type=8 code=0 id=10794
 * src=10.1.0.10 dst=10.2.0.10 type=0 code=0 id=10794 [DNAT]". */
char                 *nfl_conntrack_record_format (const NflConntrackRecord *record);

/* The LOG lines in kernel order, all (@max_packet 0) or up to the end of
 * the @max_packet-th run of one packet's lines, as the oracle's
 * kernel.log splits them (the probe and what answers it first). */
GPtrArray            *nfl_trace_get_log_lines   (NflTrace   *trace,
                                                 guint       max_packet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflTrace, nfl_trace_unref)

G_END_DECLS
