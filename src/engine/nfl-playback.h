/* nfl-playback.h: a trace as steps to walk forwards and backwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A playback reads a finished trace and never simulates again: every
 * step's state (the packet after it, what it changed, the LOG lines and
 * the conntrack table so far) is read off what the trace recorded, so a
 * step reached backwards is the step reached forwards.  The Simulate view
 * and `nflab trace --explain` both read it.
 */
#pragma once

#include <glib-object.h>

#include "nfl-scenario.h"
#include "nfl-trace.h"

G_BEGIN_DECLS

typedef enum {
  NFL_GRANULARITY_RULE,       /* every rule, routing decision, conntrack … */
  NFL_GRANULARITY_CHAIN,      /* the end of every chain visited */
  NFL_GRANULARITY_HOOK,       /* the end of every hook visited */
  NFL_GRANULARITY_NAMESPACE,  /* where the packet leaves a namespace */
} NflGranularity;

#define NFL_N_GRANULARITIES 4

/* The header fields a step can change. */
typedef enum {
  NFL_FIELD_SRC       = 1 << 0,
  NFL_FIELD_DST       = 1 << 1,
  NFL_FIELD_TTL       = 1 << 2,
  NFL_FIELD_TOS       = 1 << 3,
  NFL_FIELD_ID        = 1 << 4,
  NFL_FIELD_DF        = 1 << 5,
  NFL_FIELD_LEN       = 1 << 6,
  NFL_FIELD_SPORT     = 1 << 7,
  NFL_FIELD_DPORT     = 1 << 8,
  NFL_FIELD_ICMP      = 1 << 9,    /* type, code and id */
  NFL_FIELD_TCP_FLAGS = 1 << 10,
  NFL_FIELD_MARK      = 1 << 11,
  NFL_FIELD_CT_STATE  = 1 << 12,
} NflPacketField;

#define NFL_N_FIELDS 13

typedef struct {
  NflEventKind kind;        /* of the event the step shows */
  guint        event;       /* that event's index in the trace */
  guint        nth;         /* in a run of rules that do not match: which */
  guint        last_event;  /* the last event the step takes in */
  guint16      packet;      /* 1-based */
  gint16       ns;          /* -1 for none */
  gint8        hook;        /* NflHook or -1 */
  gint8        table;       /* NflTableId or -1 */
  gint32       chain;       /* index in the table's chains, or -1 */
  gint32       rule;        /* 0-based, or -1 */
  gint32       failed;      /* a rule step: NFL_RULE_MATCHED or what failed */
  guint32      snapshot;    /* the packet after the step */
  gint32       before;      /* the same packet before it, -1 at its start */
  guint        changed;     /* NflPacketField bits */
  guint        n_log_lines; /* LOG lines printed up to and with this step */
} NflPlaybackStep;

#define NFL_TYPE_PLAYBACK (nfl_playback_get_type ())
G_DECLARE_FINAL_TYPE (NflPlayback, nfl_playback, NFL, PLAYBACK, GObject)

/* @scenario is the one @trace was made from, as it was then: the
 * playback reads its rules for the sentences and must own it alone (a
 * copy, when the original is edited further). */
NflPlayback           *nfl_playback_new              (NflTrace        *trace,
                                                      NflScenario     *scenario);
NflTrace              *nfl_playback_get_trace        (NflPlayback     *self);
NflScenario           *nfl_playback_get_scenario     (NflPlayback     *self);

/* Steps at rule granularity, the finest; the coarser ones stop at some
 * of them (nfl_playback_is_stop). */
guint                  nfl_playback_get_n_steps      (NflPlayback     *self);
const NflPlaybackStep *nfl_playback_get_step         (NflPlayback     *self,
                                                      guint            index);
gboolean               nfl_playback_is_stop          (NflPlayback     *self,
                                                      guint            index,
                                                      NflGranularity   granularity);
guint                  nfl_playback_count_stops      (NflPlayback     *self,
                                                      NflGranularity   granularity);

/* The cursor: a step index.  Step and Step Back move to the next or
 * previous stop of the granularity; the first and last steps are stops
 * of every granularity. */
guint                  nfl_playback_get_position     (NflPlayback     *self);
void                   nfl_playback_set_position     (NflPlayback     *self,
                                                      guint            position);
NflGranularity         nfl_playback_get_granularity  (NflPlayback     *self);
void                   nfl_playback_set_granularity  (NflPlayback     *self,
                                                      NflGranularity   granularity);
gboolean               nfl_playback_step             (NflPlayback     *self);
gboolean               nfl_playback_step_back        (NflPlayback     *self);
void                   nfl_playback_restart          (NflPlayback     *self);
void                   nfl_playback_jump_to_end      (NflPlayback     *self);
gboolean               nfl_playback_is_at_end        (NflPlayback     *self);

/* What step @index does, in one sentence: "ns2 nat PREROUTING rule 1
 * (-d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10) matches:
 * destination 169.254.169.254 becomes 10.1.0.10". */
const char            *nfl_playback_describe         (NflPlayback     *self,
                                                      guint            index);
/* For a rule that did not match, the first criterion that failed, in
 * words ("-p tcp: the packet is ICMP"); NULL for other steps. */
char                  *nfl_playback_explain_failure  (NflPlayback     *self,
                                                      guint            index);
/* Where and why the exchange ended: "no reply: ns2 drops the packet in
 * filter FORWARD, rule 3 (-p icmp -j DROP)". */
const char            *nfl_playback_get_outcome_sentence (NflPlayback *self);

/* The step where the exchange ended (the drop, or the delivery that
 * settled the outcome), or -1. */
int                    nfl_playback_get_end_step     (NflPlayback     *self);
/* Whether the packet is dropped (or rejected) at step @index. */
gboolean               nfl_playback_step_drops       (NflPlayback     *self,
                                                      guint            index);

const NflPacket       *nfl_playback_get_packet       (NflPlayback     *self,
                                                      guint            index);
/* The packet before step @index (NULL at the packet's first step). */
const NflPacket       *nfl_playback_get_packet_before (NflPlayback    *self,
                                                      guint            index);
const char            *nfl_field_name                (NflPacketField   field);
/* The field's value as the packet card shows it, NULL when @packet has
 * no such field (ports of an ICMP packet). */
char                  *nfl_field_format              (NflPacketField   field,
                                                      const NflPacket *packet);

/* The LOG lines printed up to and with step @index, in kernel order. */
GPtrArray             *nfl_playback_get_log_lines    (NflPlayback     *self,
                                                      guint            index);
/* The conntrack entries of namespace @ns at step @index
 * (const NflConntrackRecord *, in the order they were confirmed). */
GPtrArray             *nfl_playback_get_conntrack    (NflPlayback     *self,
                                                      guint            index,
                                                      int              ns);
/* Why the packet of step @index, in its visit of that namespace, passes
 * @table at @hook without its chain (nat for a packet that is not the
 * first of its connection, conntrack off, NOTRACK, the table not in use);
 * NULL when the chain runs or the packet does not pass @hook there. */
char                  *nfl_playback_get_skip_reason  (NflPlayback     *self,
                                                      guint            index,
                                                      NflHook          hook,
                                                      NflTableId       table);

/* Every step's sentence, one per line, then "outcome: SENTENCE". */
char                  *nfl_playback_explain          (NflPlayback     *self);

G_END_DECLS
