/* nfl-trace-private.h: how the simulator fills a trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-trace.h"

G_BEGIN_DECLS

struct _NflTrace {
  gatomicrefcount ref_count;
  GArray         *events;     /* NflTraceEvent */
  GArray         *snapshots;  /* NflPacket */
  GPtrArray      *ns_names;
  /* the failing part of every rule in a run of NFL_EVENT_RULE, one
   * after the other; a plain array so the simulator's loop over a long
   * chain appends with one store */
  gint16         *failures;
  guint           n_failures;
  guint           failures_size;
  guint           n_packets;
  char           *outcome;
  GArray         *conntrack;  /* NflConntrackRecord */
  /* FailureValue, by index in @failures: only where a -m conntrack
   * option failed, so that long chains stay one store a rule */
  GArray         *failure_values;
  guint32         seed;       /* the probe's, for -m statistic --mode random */
  guint           n_draws;    /* how many random draws the trace made */
};

guint32 _nfl_trace_snapshot    (NflTrace        *trace,
                                const NflPacket *packet);
void    _nfl_trace_add         (NflTrace        *trace,
                                const NflTraceEvent *event);
/* Makes room for @count more failing parts in trace->failures. */
void    _nfl_trace_reserve_failures (NflTrace   *trace,
                                     guint       count);
typedef struct {
  guint   failure;   /* index in trace->failures */
  guint32 value;
} FailureValue;

/* what the entry had where the failure at @failure of trace->failures
 * failed; indices come in increasing order */
void    _nfl_trace_add_failure_value (NflTrace *trace,
                                      guint     failure,
                                      guint32   value);
void    _nfl_trace_add_conntrack (NflTrace                 *trace,
                                  const NflConntrackRecord *record);
void    _nfl_trace_set_outcome (NflTrace        *trace,
                                const char      *outcome);
void    _nfl_trace_clear       (NflTrace        *trace);

G_END_DECLS
