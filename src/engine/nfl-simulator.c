/* nfl-simulator.c: the kernel's IPv4 paths, netfilter hooks, conntrack
 * and NAT, for one probe and what it provokes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The structure follows the kernel's: ip_output/ip_rcv/ip_forward/
 * ip_local_deliver with the hooks at their places, the tables inside a
 * hook in priority order (raw -300, conntrack -200, mangle -150,
 * nat-dst -100, filter 0, nat-src +100, confirm last), nf_nat_packet()
 * and nf_nat_icmp_reply_translation() for replies, icmp_send() for
 * errors.  Each behaviour is checked against the real kernel by the
 * fixtures in tests/data/kernel.
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-rule-private.h"
#include "nfl-simulator.h"
#include "nfl-trace-private.h"

#define MAX_DELIVERIES 512     /* bounds routing loops */
#define CLIENT_PORT    41234   /* the probe's ephemeral port */
#define CLIENT_ECHO_ID 0x2a2a
/* initial sequence numbers: any value, the kernel's are random and the
 * fixtures normalize them */
#define SYN_SEQ        0x1e2f3a4bu
#define SYNACK_SEQ     0x3b9aca07u
/* the window scale both ends offer with the default socket buffers */
#define WINDOW_SCALE   10

/* ---------------------------------------------------------------------- */
/* types                                                                   */
/* ---------------------------------------------------------------------- */

enum { DIR_ORIGINAL, DIR_REPLY };

enum {
  CT_SRC_NAT      = 1 << 0,
  CT_DST_NAT      = 1 << 1,
  CT_SRC_NAT_DONE = 1 << 2,
  CT_DST_NAT_DONE = 1 << 3,
  CT_SEEN_REPLY   = 1 << 4,
  CT_ASSURED      = 1 << 5,
};

typedef struct {
  guint32 src, dst;
  guint16 sport, dport;   /* ICMP: the echo id in both */
  guint8  proto;
  guint8  icmp_type;
} Tuple;

typedef struct {
  Tuple tuple[2];
  guint status;
  guint id;                 /* 1, 2, … in the order entries are confirmed */
  NflTcpCtState tcp_state;
  guint32 mark;             /* ct->mark: 0 when made, CONNMARK sets it */
  /* the seconds the last packet's refresh gave the entry: a trace
   * happens at one moment, so that is what is left of them */
  guint32 timeout;
} Conn;

/* -m recent: one address of a list, and its hits.  A trace happens at
 * one moment (as for -m limit), so every hit is as old as the others
 * and younger than any --seconds: only their number counts. */
typedef struct {
  guint32 addr;
  guint8  ttl;
  guint   hits;
} RecentEntry;

typedef struct {
  char    name[NFL_RECENT_NAME_MAX];
  guint32 mask;             /* the mask of the rule that made the list */
  GArray *entries;          /* RecentEntry */
} RecentList;

typedef struct {
  NflNamespace *ns;
  int           index;
  gboolean      ct_enabled;
  GPtrArray    *conns;      /* Conn*, confirmed entries */
  GPtrArray    *recent;     /* RecentList*, the namespace's lists, empty when the trace starts */
} NsState;

typedef enum {
  VERDICT_CONTINUE,
  VERDICT_ACCEPT,
  VERDICT_DROP,
} Verdict;

typedef enum {
  ORIGIN_PROBE,
  ORIGIN_STACK,
} Origin;

/* The socket a packet made in this namespace leaves from, as -m owner
 * finds it (skb_to_full_sk ()): */
typedef enum {
  SOCK_NONE,     /* none: forwarded, or REJECT's tcp-reset (nf_send_reset ()) */
  SOCK_KERNEL,   /* a kernel socket without a file: ICMP errors and echo
                  * replies (icmp_sk), the stack's RST (the tcp control socket) */
  SOCK_USER,     /* a process's: the probe's, a listener's or service's, all
                  * uid 0 and gid 0 without supplementary groups */
} SockKind;

typedef struct {
  NflPacket     pkt;
  guint16       number;
  NsState      *ns;
  NflInterface *in;         /* ingress interface, NULL when made here */
  NflInterface *out;        /* egress interface of the current route */
  guint32       nexthop;
  gboolean      local_dst;  /* the route is local (RTCF_LOCAL) */
  gboolean      broadcast;  /* ... to a broadcast address (RTCF_BROADCAST) */
  guint8        mac[14];
  /* br_netfilter's nf_bridge info: the bridge ports it came in and goes
   * out through, while it is in the bridge's namespace (LOG's PHYSIN=,
   * PHYSOUT=, -m physdev) */
  NflInterface *physin;
  NflInterface *physout;
  /* on a wire into a bridge port: whose MAC address the frame is for
   * (the bridge itself or the far end of another port) */
  NflInterface *l2_to;
  Conn         *ct;
  gboolean      ct_confirmed;
  int           ct_dir;
  NflCtState    ct_state;   /* NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED */
  gboolean      untracked;
  gboolean      ct_seen;    /* conntrack looked at it in this namespace */
  Origin        origin;
  SockKind      sock;
  gboolean      queue_dropped;   /* freed by NFQUEUE, not refused by DROP */
  /* a NAT binding the nat chain asked for */
  gboolean      nat_pending;
  NflTarget     nat_target;
} Skb;

typedef struct {
  Skb           skb;
  NflInterface *to;
} Delivery;

/* Rules that did not match, one after the other in one chain, waiting to
 * become one NFL_EVENT_RULE: the next event of any kind closes the run. */
typedef struct {
  gboolean active;
  guint16  packet;
  gint16   ns;
  gint8    table;
  gint8    hook;
  int      chain;
  int      first_rule;
  guint    first_failure;
} RuleRun;

typedef struct {
  NflScenario    *scenario;
  const NflProbe *probe;
  NflTrace       *trace;
  RuleRun         run;
  GPtrArray      *states;     /* NsState* */
  GQueue          queue;      /* Delivery* */
  guint           n_packets;
  guint           n_deliveries;
  gboolean        outcome_final;
  Skb             outcome_skb;  /* the packet that settled it, once final */
  NsState        *client;
  guint32         client_addr;
  guint16         next_id;
  guint16         client_window;  /* the window of the probe's SYN */
  guint           n_conns;
  /* a rule kept as written was reached: the trace stops there */
  const NflMatch *unmodelled_hit;
  /* the last rule_matches () that failed on a -m conntrack option: what
   * the entry had there, for the trace */
  gboolean        ct_failed_value;
  guint32         ct_value;
  gboolean        halted;
  /* -m limit: packets each limit match has let through in this trace;
   * -m statistic --mode nth: packets that reached each such match */
  GHashTable     *limit_used;     /* const NflMatch* -> count */
  GHashTable     *nth_seen;       /* const NflMatch* -> count */
  GRand          *rand;           /* --mode random: from the probe's seed, made when first drawn */
  /* the neighbours each interface knows from an ARP exchange of this
   * trace ("IFACE-POINTER/ADDRESS"), which need no new ARP request */
  GHashTable     *arp_known;
  /* the sources each namespace has sent an ICMP redirect about in this
   * trace ("NS-POINTER/ADDRESS"): ip_rt_send_redirect ()'s inet_peer
   * sends the next one only 40 ms later, after the exchange is over */
  GHashTable     *redirected;
  /* the hook being run, so that conntrack and NAT events say where */
  int             hook;
  NflInterface   *hook_in;
  NflInterface   *hook_out;
} Sim;

typedef enum {
  ROUTE_NONE,
  ROUTE_LOCAL,
  ROUTE_UNICAST,
  ROUTE_BLACKHOLE,
  ROUTE_UNREACHABLE,
  ROUTE_PROHIBIT,
} RouteType;

typedef struct {
  RouteType     type;
  NflInterface *dev;
  guint32       gateway;
  guint32       prefsrc;
  gboolean      has_prefsrc;
} RouteResult;

static void output_packet (Sim *sim, NsState *ns, Skb *skb, char *why);
static Verdict run_hook_tables (Sim *sim, Skb *skb, NflHook hook, NflInterface *in, NflInterface *out);

/* ---------------------------------------------------------------------- */
/* trace helpers                                                           */
/* ---------------------------------------------------------------------- */

static void
flush_run (Sim *sim)
{
  NflTrace *trace = sim->trace;
  RuleRun *run = &sim->run;
  NflTraceEvent event;

  if (!run->active)
    return;
  run->active = FALSE;
  /* rules that do not match leave the packet as its last event saw it,
   * so the run shares that event's snapshot */
  event = (NflTraceEvent) {
    .kind = NFL_EVENT_RULE,
    .packet = run->packet,
    .ns = run->ns,
    .table = run->table,
    .hook = run->hook,
    .chain = run->chain,
    .rule = run->first_rule,
    .failed = trace->failures[run->first_failure],
    .n_rules = trace->n_failures - run->first_failure,
    .failures = run->first_failure,
    .snapshot = trace->snapshots->len - 1,
  };
  _nfl_trace_add (trace, &event);
}

static void
emit (Sim          *sim,
      NflEventKind  kind,
      const Skb    *skb,
      int           table,
      int           hook,
      int           chain,
      int           rule,
      int           failed,
      char         *text)     /* (transfer full) */
{
  NflTraceEvent event;
  guint32 snapshot = 0;

  flush_run (sim);
  if (skb != NULL)
    {
      NflPacket seen = skb->pkt;

      seen.ct_state = skb->ns == NULL || !skb->ns->ct_enabled ? NFL_PACKET_CT_OFF :
                      skb->ct_seen ? skb->ct_state : 0;
      seen.ct_mark = skb->ct != NULL && !skb->untracked ? skb->ct->mark : 0;
      seen.socket = skb->sock == SOCK_USER ? NFL_PACKET_SOCKET_USER :
                    skb->sock == SOCK_KERNEL ? NFL_PACKET_SOCKET_KERNEL : NFL_PACKET_SOCKET_NONE;
      /* the hook's devices: both NULL outside run_hook () */
      if (sim->hook_in != NULL)
        g_strlcpy (seen.in, sim->hook_in->name, sizeof seen.in);
      if (sim->hook_out != NULL)
        g_strlcpy (seen.out, sim->hook_out->name, sizeof seen.out);
      if (skb->physin != NULL)
        g_strlcpy (seen.physin, skb->physin->name, sizeof seen.physin);
      if (skb->physout != NULL)
        g_strlcpy (seen.physout, skb->physout->name, sizeof seen.physout);
      snapshot = _nfl_trace_snapshot (sim->trace, &seen);
    }
  event = (NflTraceEvent) {
    .kind = kind,
    .packet = skb ? skb->number : 0,
    .ns = skb && skb->ns ? skb->ns->index : -1,
    .table = table,
    .hook = hook >= 0 ? hook : sim->hook,
    .chain = chain,
    .rule = rule,
    .failed = failed,
    .n_rules = kind == NFL_EVENT_RULE ? 1 : 0,
    .snapshot = snapshot,
    .text = text,
  };
  _nfl_trace_add (sim->trace, &event);
}

static void
note (Sim          *sim,
      NflEventKind  kind,
      const Skb    *skb,
      const char   *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
note (Sim          *sim,
      NflEventKind  kind,
      const Skb    *skb,
      const char   *format,
      ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  emit (sim, kind, skb, -1, -1, -1, -1, NFL_RULE_MATCHED, text);
}

/* The first outcome a packet settles stays; its NFL_EVENT_OUTCOME is
 * added when the simulation ends, so that it comes after what the
 * exchange still does (the handshake ACK after "connected"). */
static void
set_outcome (Sim        *sim,
             const Skb  *skb,
             const char *outcome)
{
  if (sim->outcome_final)
    return;
  _nfl_trace_set_outcome (sim->trace, outcome);
  sim->outcome_final = TRUE;
  sim->outcome_skb = *skb;
}

/* A dotted quad by value, so it can be formatted inside an argument list
 * without an allocation: ip_text (a).s lives to the end of the
 * expression. */
typedef struct {
  char s[16];
} IpText;

static IpText
ip_text (guint32 addr)
{
  IpText text;

  nfl_ipv4_format (addr, text.s);
  return text;
}

/* ---------------------------------------------------------------------- */
/* routing                                                                 */
/* ---------------------------------------------------------------------- */

static NflInterface *
loopback_of (NflNamespace *ns)
{
  return g_ptr_array_index (ns->interfaces, 0);
}

static gboolean
is_local_address (NflNamespace *ns,
                  guint32       addr)
{
  if ((addr >> 24) == 127)
    return loopback_of (ns)->up;
  /* lo too: an address added to it (10.7.0.1/32 dev lo) is local */
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      for (guint a = 0; a < iface->addresses->len; a++)
        if (g_array_index (iface->addresses, NflAddress, a).addr == addr)
          return TRUE;
    }
  return FALSE;
}

/* inet_select_addr(): the first primary address of @dev, preferring one
 * whose subnet holds @dst; when @dev has none, the first usable address
 * of another interface. */
static guint32
select_address (NflNamespace *ns,
                NflInterface *dev,
                guint32       dst)
{
  guint32 first = 0;
  gboolean have = FALSE;

  if (dev != NULL && !dev->is_loopback)
    for (guint a = 0; a < dev->addresses->len; a++)
      {
        NflAddress *address = &g_array_index (dev->addresses, NflAddress, a);
        guint32 mask = nfl_prefix_mask (address->prefix_len);

        if (dst != 0 && (dst & mask) == (address->addr & mask))
          return address->addr;
        if (!have)
          first = address->addr, have = TRUE;
      }
  if (have)
    return first;
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      for (guint a = 0; a < iface->addresses->len; a++)
        {
          guint32 addr = g_array_index (iface->addresses, NflAddress, a).addr;
          if ((addr >> 24) != 127)
            return addr;
        }
    }
  return 0;
}

/* fib_lookup() over the local and main tables; main holds the routes the
 * scenario added and the connected routes of addresses with a prefix on
 * interfaces that are up. */
static RouteResult
route_lookup (NflNamespace *ns,
              guint32       dst,
              gboolean      output)
{
  RouteResult result = { ROUTE_NONE, NULL, 0, 0, FALSE };
  int best_len = -1;
  guint best_metric = G_MAXUINT;

  if (is_local_address (ns, dst))
    {
      result.type = ROUTE_LOCAL;
      result.dev = loopback_of (ns);
      result.gateway = dst;
      result.prefsrc = dst;
      result.has_prefsrc = TRUE;
      return result;
    }
  if (!output && (dst >> 24) == 127)
    return result;

  for (guint i = 1; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

      if (!iface->up)
        continue;
      for (guint a = 0; a < iface->addresses->len; a++)
        {
          NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
          guint32 mask = nfl_prefix_mask (address->prefix_len);

          if (address->prefix_len >= 32 || (dst & mask) != (address->addr & mask))
            continue;
          if ((int) address->prefix_len > best_len)
            {
              best_len = address->prefix_len;
              best_metric = 0;
              result = (RouteResult) { ROUTE_UNICAST, iface, dst, address->addr, TRUE };
            }
        }
    }
  for (guint r = 0; r < ns->routes->len; r++)
    {
      NflRoute *route = g_ptr_array_index (ns->routes, r);
      guint32 mask = nfl_prefix_mask (route->prefix_len);
      NflInterface *dev = NULL;

      if ((dst & mask) != route->dst)
        continue;
      if ((int) route->prefix_len < best_len ||
          ((int) route->prefix_len == best_len && route->metric >= best_metric))
        continue;
      if (route->type == NFL_ROUTE_UNICAST)
        {
          dev = route->dev ? nfl_namespace_find_interface (ns, route->dev) : NULL;
          if (dev == NULL || !dev->up)
            continue;
        }
      best_len = route->prefix_len;
      best_metric = route->metric;
      switch (route->type)
        {
        case NFL_ROUTE_UNICAST:
          result.type = ROUTE_UNICAST;
          break;
        case NFL_ROUTE_BLACKHOLE:
          result.type = ROUTE_BLACKHOLE;
          break;
        case NFL_ROUTE_UNREACHABLE:
          result.type = ROUTE_UNREACHABLE;
          break;
        case NFL_ROUTE_PROHIBIT:
        default:
          result.type = ROUTE_PROHIBIT;
          break;
        }
      result.dev = dev;
      result.gateway = route->has_via ? route->via : dst;
      result.has_prefsrc = route->has_src;
      result.prefsrc = route->has_src ? route->src : 0;
      if (!route->has_src && dev != NULL)
        {
          result.prefsrc = select_address (ns, dev, route->has_via ? route->via : 0);
          result.has_prefsrc = result.prefsrc != 0;
        }
    }
  return result;
}

static char *
describe_route (const RouteResult *rt)
{
  IpText gw = ip_text (rt->gateway);

  switch (rt->type)
    {
    case ROUTE_LOCAL:
      return g_strdup ("local: for this namespace, through lo");
    case ROUTE_UNICAST:
      return g_strdup_printf ("out %s, next hop %s", rt->dev->name, gw.s);
    case ROUTE_BLACKHOLE:
      return g_strdup ("blackhole route");
    case ROUTE_UNREACHABLE:
      return g_strdup ("unreachable route");
    case ROUTE_PROHIBIT:
      return g_strdup ("prohibit route");
    case ROUTE_NONE:
    default:
      return g_strdup ("no route");
    }
}

/* ---------------------------------------------------------------------- */
/* conntrack                                                               */
/* ---------------------------------------------------------------------- */

static guint8
icmp_reply_type (guint8 type)
{
  switch (type)
    {
    case 8: return 0;
    case 0: return 8;
    case 13: return 14;
    case 14: return 13;
    case 15: return 16;
    case 16: return 15;
    case 17: return 18;
    case 18: return 17;
    default: return 0xff;
    }
}

static gboolean
tuple_of (const NflIpHeader *ip,
          Tuple             *t)
{
  memset (t, 0, sizeof *t);
  t->src = ip->src;
  t->dst = ip->dst;
  t->proto = ip->proto;
  if (ip->proto == NFL_PROTO_TCP || ip->proto == NFL_PROTO_UDP)
    {
      t->sport = ip->sport;
      t->dport = ip->dport;
    }
  else if (ip->proto == NFL_PROTO_ICMP)
    {
      if (icmp_reply_type (ip->icmp_type) == 0xff)
        return FALSE;
      t->sport = t->dport = ip->icmp_id;
      t->icmp_type = ip->icmp_type;
    }
  return TRUE;
}

static Tuple
invert_tuple (const Tuple *t)
{
  Tuple r = *t;

  r.src = t->dst;
  r.dst = t->src;
  r.sport = t->dport;
  r.dport = t->sport;
  if (t->proto == NFL_PROTO_ICMP)
    r.icmp_type = icmp_reply_type (t->icmp_type);
  return r;
}

static gboolean
tuple_equal (const Tuple *a,
             const Tuple *b)
{
  return a->src == b->src && a->dst == b->dst && a->sport == b->sport &&
         a->dport == b->dport && a->proto == b->proto && a->icmp_type == b->icmp_type;
}

static Conn *
conn_find (NsState     *ns,
           const Tuple *t,
           int         *dir)
{
  for (guint i = 0; i < ns->conns->len; i++)
    {
      Conn *c = g_ptr_array_index (ns->conns, i);
      for (int d = 0; d < 2; d++)
        if (tuple_equal (&c->tuple[d], t))
          {
            *dir = d;
            return c;
          }
    }
  return NULL;
}

static void
copy_tuple (NflConntrackTuple *to,
            const Tuple       *from)
{
  *to = (NflConntrackTuple) { from->src, from->dst, from->sport, from->dport, from->icmp_type };
}

/* Tells the trace how a confirmed entry looks from the next event on. */
static void
record_conn (Sim           *sim,
             const NsState *ns,
             const Conn    *c)
{
  NflConntrackRecord record = { 0 };

  flush_run (sim);
  record.event = sim->trace->events->len;
  record.ns = ns->index;
  record.id = c->id;
  record.proto = c->tuple[DIR_ORIGINAL].proto;
  record.tcp_state = c->tcp_state;
  record.flags = ((c->status & CT_SEEN_REPLY) ? NFL_CONNTRACK_SEEN_REPLY : 0) |
                 ((c->status & CT_SRC_NAT) ? NFL_CONNTRACK_SRC_NAT : 0) |
                 ((c->status & CT_DST_NAT) ? NFL_CONNTRACK_DST_NAT : 0);
  copy_tuple (&record.original, &c->tuple[DIR_ORIGINAL]);
  copy_tuple (&record.reply, &c->tuple[DIR_REPLY]);
  record.mark = c->mark;
  _nfl_trace_add_conntrack (sim->trace, &record);
}

/* tcp_conntrack_states[] for the segments a handshake and a reset send */
static NflTcpCtState
tcp_state_after (NflTcpCtState      state,
                 const NflIpHeader *ip,
                 int                dir)
{
  guint8 flags = ip->tcp_flags & (NFL_TCP_SYN | NFL_TCP_ACK | NFL_TCP_RST | NFL_TCP_FIN);

  if (flags & NFL_TCP_RST)
    return NFL_TCP_CT_CLOSE;
  if (dir == DIR_REPLY && flags == (NFL_TCP_SYN | NFL_TCP_ACK) && state == NFL_TCP_CT_SYN_SENT)
    return NFL_TCP_CT_SYN_RECV;
  if (dir == DIR_ORIGINAL && flags == NFL_TCP_ACK && state == NFL_TCP_CT_SYN_RECV)
    return NFL_TCP_CT_ESTABLISHED;
  return state;
}

static const char *
state_name (NflCtState state)
{
  return nfl_ct_state_name (state);
}

/* Is this packet a valid first packet of a connection? */
static gboolean
valid_new (const NflIpHeader *ip)
{
  switch (ip->proto)
    {
    case NFL_PROTO_TCP:
      /* SYN, or a mid-stream ACK (nf_conntrack_tcp_loose=1) */
      if ((ip->tcp_flags & (NFL_TCP_SYN | NFL_TCP_ACK | NFL_TCP_RST)) == NFL_TCP_SYN)
        return TRUE;
      return (ip->tcp_flags & (NFL_TCP_SYN | NFL_TCP_RST)) == 0 && (ip->tcp_flags & NFL_TCP_ACK);
    case NFL_PROTO_ICMP:
      return ip->icmp_type == 8 || ip->icmp_type == 13 || ip->icmp_type == 15 || ip->icmp_type == 17;
    default:
      return TRUE;
    }
}

/* The timeout a packet's nf_ct_refresh () gives its entry, as the
 * kernel's defaults have it (the net.netfilter.nf_conntrack_*_timeout*
 * sysctls): tcp by the state the packet leaves it in (a reset
 * TCP_CONNTRACK_CLOSE's), udp the unreplied 30 s (the replied 120 s only
 * after 2 s, later than any trace), icmp 30 s, other protocols 600 s */
static guint32
conn_timeout (const Conn *c)
{
  switch (c->tuple[DIR_ORIGINAL].proto)
    {
    case NFL_PROTO_TCP:
      switch (c->tcp_state)
        {
        case NFL_TCP_CT_SYN_SENT: return 120;
        case NFL_TCP_CT_SYN_RECV: return 60;
        case NFL_TCP_CT_ESTABLISHED: return 432000;
        case NFL_TCP_CT_CLOSE:
        default: return 10;
        }
    case NFL_PROTO_UDP:
    case NFL_PROTO_ICMP:
      return 30;
    default:
      return 600;
    }
}

/* nf_conntrack_in() at PREROUTING and OUTPUT, priority -200 */
static void
conntrack_in (Sim *sim,
              Skb *skb)
{
  Tuple t;

  if (!skb->ns->ct_enabled)
    return;
  skb->ct_seen = TRUE;
  if (skb->untracked)
    {
      skb->ct_state = NFL_CT_UNTRACKED;
      note (sim, NFL_EVENT_CONNTRACK, skb, "untracked (NOTRACK): conntrack and NAT skip this packet");
      return;
    }
  if (skb->ct != NULL)
    {
      /* looped back with its entry, or attached by REJECT or icmp_send () */
      if (skb->ct_state == NFL_CT_RELATED && nfl_packet_is_icmp_error (&skb->pkt.ip))
        note (sim, NFL_EVENT_CONNTRACK, skb, "RELATED: the error carries the entry of the packet it is about%s",
              g_ptr_array_find (skb->ns->conns, skb->ct, NULL) ? "" : ", which is not confirmed yet");
      return;
    }

  if (nfl_packet_is_icmp_error (&skb->pkt.ip))
    {
      Tuple inner;
      int dir;
      Conn *c;

      if (skb->pkt.has_inner && tuple_of (&skb->pkt.inner, &inner))
        {
          Tuple inv = invert_tuple (&inner);
          c = conn_find (skb->ns, &inv, &dir);
          if (c != NULL)
            {
              skb->ct = c;
              skb->ct_confirmed = TRUE;
              skb->ct_dir = dir;
              skb->ct_state = NFL_CT_RELATED;
              note (sim, NFL_EVENT_CONNTRACK, skb, "RELATED: an error about a tracked connection");
              return;
            }
        }
      skb->ct_state = NFL_CT_INVALID;
      note (sim, NFL_EVENT_CONNTRACK, skb, "INVALID: an error about no known connection");
      return;
    }

  if (!tuple_of (&skb->pkt.ip, &t))
    {
      skb->ct_state = NFL_CT_INVALID;
      note (sim, NFL_EVENT_CONNTRACK, skb, "INVALID: this ICMP type is not tracked");
      return;
    }
  {
    int dir;
    Conn *c = conn_find (skb->ns, &t, &dir);
    gboolean changed = FALSE;

    if (c != NULL)
      {
        skb->ct = c;
        skb->ct_confirmed = TRUE;
        skb->ct_dir = dir;
        if (dir == DIR_REPLY)
          {
            skb->ct_state = NFL_CT_ESTABLISHED;
            if (!(c->status & CT_SEEN_REPLY))
              {
                c->status |= CT_SEEN_REPLY;
                changed = TRUE;
              }
          }
        else
          skb->ct_state = (c->status & CT_SEEN_REPLY) ? NFL_CT_ESTABLISHED : NFL_CT_NEW;
        if (t.proto == NFL_PROTO_TCP)
          {
            NflTcpCtState next = tcp_state_after (c->tcp_state, &skb->pkt.ip, dir);

            /* nf_conntrack_tcp_packet (): the ACK that ends the
             * handshake (SYN_RECV to ESTABLISHED) makes the entry ASSURED */
            if (c->tcp_state == NFL_TCP_CT_SYN_RECV && next == NFL_TCP_CT_ESTABLISHED && !(c->status & CT_ASSURED))
              c->status |= CT_ASSURED;
            changed |= next != c->tcp_state;
            c->tcp_state = next;
          }
        c->timeout = conn_timeout (c);
        if (changed)
          record_conn (sim, skb->ns, c);
        note (sim, NFL_EVENT_CONNTRACK, skb, "%s: matches a known connection (%s direction)",
              state_name (skb->ct_state), dir == DIR_REPLY ? "reply" : "original");
        return;
      }
  }
  if (!valid_new (&skb->pkt.ip))
    {
      skb->ct_state = NFL_CT_INVALID;
      note (sim, NFL_EVENT_CONNTRACK, skb, "INVALID: no connection, and this packet cannot start one");
      return;
    }
  skb->ct = g_new0 (Conn, 1);
  skb->ct->tuple[DIR_ORIGINAL] = t;
  skb->ct->tuple[DIR_REPLY] = invert_tuple (&t);
  if (t.proto == NFL_PROTO_TCP)
    skb->ct->tcp_state = (skb->pkt.ip.tcp_flags & NFL_TCP_SYN) ? NFL_TCP_CT_SYN_SENT : NFL_TCP_CT_ESTABLISHED;
  skb->ct->timeout = conn_timeout (skb->ct);
  skb->ct_confirmed = FALSE;
  skb->ct_dir = DIR_ORIGINAL;
  skb->ct_state = NFL_CT_NEW;
  note (sim, NFL_EVENT_CONNTRACK, skb, "NEW: the first packet of a connection");
}

/* nf_conntrack_confirm(), at the end of POSTROUTING and INPUT */
static void
conntrack_confirm (Sim *sim,
                   Skb *skb)
{
  if (skb->ct != NULL && !skb->ct_confirmed)
    {
      g_ptr_array_add (skb->ns->conns, skb->ct);
      skb->ct_confirmed = TRUE;
      skb->ct->id = ++sim->n_conns;
      record_conn (sim, skb->ns, skb->ct);
    }
}

static void
drop_unconfirmed (Skb *skb)
{
  /* a REJECT's reset may have confirmed the entry on its way out */
  if (skb->ct != NULL && !skb->ct_confirmed && !g_ptr_array_find (skb->ns->conns, skb->ct, NULL))
    g_free (skb->ct);
  skb->ct = NULL;
}

/* ---------------------------------------------------------------------- */
/* rule matching                                                           */
/* ---------------------------------------------------------------------- */

static gboolean
iface_matches (const char   *pattern,
               NflInterface *iface)
{
  return nfl_interface_pattern_matches (pattern, iface ? iface->name : "");
}

static gboolean
in_range (const NflPortRange *range,
          guint16             port)
{
  return port >= range->lo && port <= range->hi;
}

static guint
conntrack_bits (const Skb *skb,
                gboolean   with_nat)
{
  guint bits;

  if (skb->ct_state == NFL_CT_UNTRACKED)
    return NFL_CT_UNTRACKED;
  if (skb->ct == NULL)
    return NFL_CT_INVALID;
  bits = skb->ct_state;
  if (with_nat)
    {
      if (skb->ct->status & CT_SRC_NAT)
        bits |= NFL_CT_SNAT;
      if (skb->ct->status & CT_DST_NAT)
        bits |= NFL_CT_DNAT;
    }
  return bits;
}

/* The port word of a tuple as ct_proto_port_check_v3 () reads it:
 * tcp and udp ports, the echo id (source) and type and code
 * (destination) of icmp, 0 for other protocols */
static guint16
tuple_port (const Tuple *t,
            gboolean     dst)
{
  if (t->proto == NFL_PROTO_ICMP)
    return dst ? (guint16) (t->icmp_type << 8) : t->sport;
  return dst ? t->dport : t->sport;
}

/* conntrack_mt () of xt_conntrack (revision 3): a packet without an
 * entry (untracked, INVALID, before conntrack ran) matches only through
 * --ctstate, whatever the other options say; the others are about the
 * entry: its tuples as made (the reply tuple with NAT applied), the
 * direction of this packet, its status and the seconds left of its
 * timeout, which an entry still unconfirmed (the connection's first
 * packet, until it leaves POSTROUTING or INPUT) holds relative to a
 * clock it is not yet on: read as 0 */
static guint
conntrack_failure (const NflMatch *m,
                   const Skb      *skb,
                   gboolean       *has_value,
                   guint32        *value)
{
  const Conn *c = skb->ct;
  guint given = m->ct.given, inv = m->ct.inverted;
  guint status, expires;
  /* an ICMP error made here carries its connection's entry as it is,
   * confirmed or not, without ever confirming it (ct_confirmed only
   * keeps it from being confirmed): the table says */
  gboolean confirmed = skb->ct_confirmed && c != NULL &&
                       (skb->ct_state != NFL_CT_RELATED || g_ptr_array_find (skb->ns->conns, c, NULL));

#define CT_FAILED(bit, seen) \
  return (*has_value = TRUE, *value = (seen), NFL_RULE_FAILED_CT_OPTION + g_bit_nth_lsf ((bit), -1))

  *has_value = FALSE;
  if (m->ct.states != 0 && ((conntrack_bits (skb, TRUE) & m->ct.states) != 0) == m->ct.invert)
    return NFL_RULE_FAILED_CT_STATE;
  if (c == NULL || skb->ct_state == NFL_CT_UNTRACKED)
    return m->ct.states != 0 ? 0 : NFL_RULE_FAILED_CT_NO_ENTRY;
  if ((given & NFL_CT_OPT_DIR) && (skb->ct_dir == DIR_REPLY) != m->ct.reply)
    CT_FAILED (NFL_CT_OPT_DIR, skb->ct_dir == DIR_REPLY);
  for (guint i = 0; i < 4; i++)
    {
      const Tuple *t = &c->tuple[i < 2 ? DIR_ORIGINAL : DIR_REPLY];
      guint32 addr = (i % 2) == 0 ? t->src : t->dst;

      if ((given & (NFL_CT_OPT_ORIGSRC << i)) &&
          (((addr ^ m->ct.addr[i]) & m->ct.mask[i]) == 0) == !!(inv & (NFL_CT_OPT_ORIGSRC << i)))
        CT_FAILED (NFL_CT_OPT_ORIGSRC << i, addr);
    }
  if ((given & NFL_CT_OPT_PROTO) &&
      (c->tuple[DIR_ORIGINAL].proto == m->ct.proto) == !!(inv & NFL_CT_OPT_PROTO))
    CT_FAILED (NFL_CT_OPT_PROTO, c->tuple[DIR_ORIGINAL].proto);
  for (guint i = 0; i < 4; i++)
    {
      const Tuple *t = &c->tuple[i < 2 ? DIR_ORIGINAL : DIR_REPLY];
      guint16 port = tuple_port (t, (i % 2) == 1);

      if ((given & (NFL_CT_OPT_ORIGSRCPORT << i)) &&
          in_range (&m->ct.port[i], port) == !!(inv & (NFL_CT_OPT_ORIGSRCPORT << i)))
        CT_FAILED (NFL_CT_OPT_ORIGSRCPORT << i, port);
    }
  status = ((c->status & CT_SEEN_REPLY) ? NFL_CT_STATUS_SEEN_REPLY : 0) |
           ((c->status & CT_ASSURED) ? NFL_CT_STATUS_ASSURED : 0) |
           (confirmed ? NFL_CT_STATUS_CONFIRMED : 0);
  if ((given & NFL_CT_OPT_STATUS) && ((m->ct.status & status) != 0) == !!(inv & NFL_CT_OPT_STATUS))
    CT_FAILED (NFL_CT_OPT_STATUS, status);
  expires = confirmed ? c->timeout : 0;
  if ((given & NFL_CT_OPT_EXPIRE) &&
      (expires >= m->ct.expire_min && expires <= m->ct.expire_max) == !!(inv & NFL_CT_OPT_EXPIRE))
    CT_FAILED (NFL_CT_OPT_EXPIRE, expires);
#undef CT_FAILED
  return 0;
}

/* addrtype_mt_v1 (): each given set of types, with the interface the
 * option limits the lookup to */
static gboolean
addrtype_matches (const NflMatch *m,
                  const Skb      *skb,
                  NflInterface   *in,
                  NflInterface   *out)
{
  NflNamespace *ns = skb->ns->ns;
  NflInterface *dev = m->addrtype.limit_in ? in : m->addrtype.limit_out ? out : NULL;

  if (m->addrtype.src_types != 0 &&
      ((m->addrtype.src_types & (1u << nfl_namespace_address_type (ns, skb->pkt.ip.src, dev))) != 0) ==
        m->addrtype.src_invert)
    return FALSE;
  if (m->addrtype.dst_types != 0 &&
      ((m->addrtype.dst_types & (1u << nfl_namespace_address_type (ns, skb->pkt.ip.dst, dev))) != 0) ==
        m->addrtype.dst_invert)
    return FALSE;
  return TRUE;
}

/* xt_limit as the nft limit expression runs it: a bucket of --limit-burst
 * packets, full when the rule is made and refilled at --limit.  One
 * exchange is taken to happen at one moment: on the kernel its packets
 * are well under a millisecond apart, which refills less than a packet at
 * rates up to 1000/second, so the bucket only empties. */
/* physdev_mt (): a packet br_netfilter has not seen (no PHYSIN) matches
 * only when every option it uses is negated */
static gboolean
physdev_matches (const NflMatch *m,
                 const Skb      *skb)
{
  guint8 given = m->physdev.given, invert = m->physdev.invert;

  if (skb->physin == NULL)
    return (given & ~invert) == 0;
  if ((given & NFL_PHYSDEV_IS_BRIDGED) && ((skb->physout != NULL) != !(invert & NFL_PHYSDEV_IS_BRIDGED)))
    return FALSE;
  if ((given & NFL_PHYSDEV_IS_IN) && (invert & NFL_PHYSDEV_IS_IN))
    return FALSE;   /* it came in by a port */
  if ((given & NFL_PHYSDEV_IS_OUT) && ((skb->physout == NULL) != ((invert & NFL_PHYSDEV_IS_OUT) != 0)))
    return FALSE;
  if ((given & NFL_PHYSDEV_IN) &&
      iface_matches (m->physdev.in, skb->physin) == ((invert & NFL_PHYSDEV_IN) != 0))
    return FALSE;
  if (!(given & NFL_PHYSDEV_OUT))
    return TRUE;
  /* --physdev-out fails without an output port, negated or not */
  if (skb->physout == NULL)
    return FALSE;
  return iface_matches (m->physdev.out, skb->physout) != ((invert & NFL_PHYSDEV_OUT) != 0);
}

static gboolean
limit_matches (Sim            *sim,
               const NflMatch *m)
{
  guint used = GPOINTER_TO_UINT (g_hash_table_lookup (sim->limit_used, m));

  if (used >= m->limit.burst)
    return FALSE;
  g_hash_table_insert (sim->limit_used, (gpointer) m, GUINT_TO_POINTER (used + 1));
  return TRUE;
}

/* xt_statistic's nth mode: a counter per rule, started so that the
 * packet numbered --packet (from 0) of those reaching the match is the
 * first to match, then every --every-th */
/* xt_statistic's random mode: (prandom_u32 () & 0x7fffffff) < p * 2^31,
 * the draws from GLib's generator seeded with the probe's seed, so that a
 * trace is the same every time and another seed can take another path */
static gboolean
random_matches (Sim            *sim,
                const NflMatch *m)
{
  guint32 draw;

  if (sim->rand == NULL)
    sim->rand = g_rand_new_with_seed (sim->probe->seed);
  draw = g_rand_int (sim->rand) & 0x7fffffffu;
  sim->trace->n_draws++;
  return (draw < m->statistic.probability) != m->statistic.invert;
}

static gboolean
nth_matches (Sim            *sim,
             const NflMatch *m)
{
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (sim->nth_seen, m));

  g_hash_table_insert (sim->nth_seen, (gpointer) m, GUINT_TO_POINTER (seen + 1));
  return (seen % m->statistic.every == m->statistic.packet) != m->statistic.invert;
}

/* The namespace's list of that name.  The kernel makes a list when the
 * first rule naming it is added and keeps that rule's --mask for it; the
 * simulator, which does not know the order rules were added in, takes
 * the first such rule in iptables-save's order (the same when the rules
 * were added in that order, or agree on the mask). */
static RecentList *
recent_list (NsState        *ns,
             const NflMatch *m)
{
  RecentList *list;
  guint32 mask = m->recent.mask;
  gboolean found = FALSE;

  for (guint i = 0; i < ns->recent->len; i++)
    if (strcmp (((RecentList *) g_ptr_array_index (ns->recent, i))->name, m->recent.name) == 0)
      return g_ptr_array_index (ns->recent, i);
  for (guint t = 0; t < NFL_N_TABLES && !found; t++)
    {
      NflTable *table = &ns->ns->ruleset->tables[_nfl_save_table_order[t]];

      for (guint c = 0; c < table->chains->len && !found; c++)
        {
          NflChain *chain = g_ptr_array_index (table->chains, c);

          for (guint r = 0; r < chain->rules->len && !found; r++)
            {
              const NflRule *rule = g_ptr_array_index (chain->rules, r);

              for (guint k = 0; k < rule->n_matches && !found; k++)
                if (rule->matches[k].kind == NFL_MATCH_RECENT &&
                    strcmp (rule->matches[k].recent.name, m->recent.name) == 0)
                  {
                    mask = rule->matches[k].recent.mask;
                    found = TRUE;
                  }
            }
        }
    }
  list = g_new0 (RecentList, 1);
  g_strlcpy (list->name, m->recent.name, sizeof list->name);
  list->mask = mask;
  list->entries = g_array_new (FALSE, FALSE, sizeof (RecentEntry));
  g_ptr_array_add (ns->recent, list);
  return list;
}

/* recent_mt (), at the trace's one moment */
static gboolean
recent_matches (const NflMatch *m,
                const Skb      *skb,
                NflInterface   *out)
{
  RecentList *list = recent_list (skb->ns, m);
  guint8 set = m->recent.check_set;
  guint32 addr = (m->recent.side == NFL_RECENT_DEST ? skb->pkt.ip.dst : skb->pkt.ip.src) & list->mask;
  guint8 ttl = skb->pkt.ip.ttl;
  gboolean ret = m->recent.invert;
  RecentEntry *e = NULL;
  guint i;

  /* "use TTL as seen before forwarding": a forwarded packet's TTL has
   * been decremented by the time an output hook sees it */
  if (out != NULL && skb->in != NULL)
    ttl++;
  for (i = 0; i < list->entries->len && e == NULL; i++)
    {
      RecentEntry *x = &g_array_index (list->entries, RecentEntry, i);
      guint8 want = (set & NFL_RECENT_TTL) ? ttl : 0;

      if (x->addr == addr && (want == x->ttl || want == 0 || x->ttl == 0))
        e = x;
    }
  if (e == NULL)
    {
      if (!(set & NFL_RECENT_SET))
        return ret;
      g_array_append_vals (list->entries, (RecentEntry[]) { { addr, ttl, 1 } }, 1);
      return !ret;
    }
  if (set & NFL_RECENT_SET)
    ret = !ret;
  else if (set & NFL_RECENT_REMOVE)
    {
      g_array_remove_index (list->entries, i - 1);
      return !ret;
    }
  else if (m->recent.hit_count == 0 || e->hits >= m->recent.hit_count)
    /* --rcheck, --update; --reap removes only hits older than --seconds */
    ret = !ret;
  if ((set & NFL_RECENT_SET) || ((set & NFL_RECENT_UPDATE) && ret))
    {
      /* the kernel keeps at most 2^n stamps, at least 32 */
      guint max = MAX (32, m->recent.hit_count);

      e->hits = MIN (e->hits + 1, max);
      e->ttl = ttl;
    }
  return ret;
}

/* skb->pkt_type as xt_pkttype reads it: set from the frame's
 * destination when it came in (eth_type_trans ()), 0 (PACKET_HOST) for
 * a packet made here.  The IP destination plays no part: a packet to a
 * subnet broadcast address that a router forwards to it comes in a frame
 * to the router's own MAC address, and is unicast.  A bridge port's frame
 * for another host is PACKET_HOST while br_netfilter runs the hooks. */
static guint8
packet_type (const Skb *skb)
{
  static const guint8 all_ones[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

  if (skb->in == NULL)
    return NFL_PKTTYPE_HOST;
  if (memcmp (skb->mac, all_ones, 6) == 0)
    return NFL_PKTTYPE_BROADCAST;
  if (skb->mac[0] & 1)
    return NFL_PKTTYPE_MULTICAST;
  return NFL_PKTTYPE_HOST;
}

/* owner_mt (): without a socket every option given must be negated;
 * a kernel socket has no file, so no uid or gid (! --socket-exists fails
 * there); a process's socket is uid 0, gid 0 */
static gboolean
owner_matches (const NflMatch *m,
               const Skb      *skb)
{
  guint8 match = m->owner.match;
  guint8 invert = m->owner.invert;

  /* --suppl-groups counts here as an option that is not negated */
  if (skb->sock == SOCK_NONE)
    return (match ^ invert) == 0;
  if (match & invert & NFL_OWNER_SOCKET)
    return FALSE;
  if (skb->sock == SOCK_KERNEL)
    return ((match ^ invert) & (NFL_OWNER_UID | NFL_OWNER_GID)) == 0;
  if ((match & NFL_OWNER_UID) &&
      (m->owner.uid_min == 0) == ((invert & NFL_OWNER_UID) != 0))
    return FALSE;
  if ((match & NFL_OWNER_GID) &&
      (m->owner.gid_min == 0) == ((invert & NFL_OWNER_GID) != 0))
    return FALSE;
  return TRUE;
}

static gboolean
match_one (Sim            *sim,
           const NflMatch *m,
           const Skb      *skb,
           NflInterface   *in,
           NflInterface   *out)
{
  const NflIpHeader *ip = &skb->pkt.ip;

  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      if (ip->proto != (m->kind == NFL_MATCH_TCP ? NFL_PROTO_TCP : NFL_PROTO_UDP))
        return FALSE;
      if (m->l4.has_sport && in_range (&m->l4.sport, ip->sport) == m->l4.sport_invert)
        return FALSE;
      if (m->l4.has_dport && in_range (&m->l4.dport, ip->dport) == m->l4.dport_invert)
        return FALSE;
      if (m->l4.has_flags &&
          ((ip->tcp_flags & m->l4.flags_mask) == m->l4.flags_cmp) == m->l4.flags_invert)
        return FALSE;
      return TRUE;

    case NFL_MATCH_ICMP:
      if (ip->proto != NFL_PROTO_ICMP)
        return FALSE;
      /* icmp_type_code_match (): type 255 matches every type and code */
      if (m->icmp.any || m->icmp.type == 0xff)
        return !m->icmp.invert;
      return (ip->icmp_type == m->icmp.type && ip->icmp_code >= m->icmp.code_lo &&
              ip->icmp_code <= m->icmp.code_hi) != m->icmp.invert;

    case NFL_MATCH_MULTIPORT:
      {
        gboolean hit = FALSE;

        if (ip->proto != NFL_PROTO_TCP && ip->proto != NFL_PROTO_UDP)
          return FALSE;
        for (guint i = 0; i < m->multiport.n_ports && !hit; i++)
          {
            const NflPortRange *r = &m->multiport.ports[i];
            if (m->multiport.which != NFL_MULTIPORT_DESTINATION && in_range (r, ip->sport))
              hit = TRUE;
            if (m->multiport.which != NFL_MULTIPORT_SOURCE && in_range (r, ip->dport))
              hit = TRUE;
          }
        return hit != m->multiport.invert;
      }

    case NFL_MATCH_CONNTRACK:
      {
        gboolean has_value;
        guint32 value;

        return conntrack_failure (m, skb, &has_value, &value) == 0;
      }

    case NFL_MATCH_STATE:
      return ((conntrack_bits (skb, FALSE) & m->state.states) != 0) != m->state.invert;

    case NFL_MATCH_MARK:
      return ((skb->pkt.mark & m->mark.mask) == m->mark.value) != m->mark.invert;

    case NFL_MATCH_RECENT:
      return recent_matches (m, skb, out);

    case NFL_MATCH_OWNER:
      return owner_matches (m, skb);

    case NFL_MATCH_PKTTYPE:
      return (packet_type (skb) == m->pkttype.type) != m->pkttype.invert;

    case NFL_MATCH_CONNMARK:
      /* connmark_mt (): a packet without an entry matches neither way */
      if (skb->ct == NULL || skb->untracked)
        return FALSE;
      return ((skb->ct->mark & m->mark.mask) == m->mark.value) != m->mark.invert;

    case NFL_MATCH_COMMENT:
      return TRUE;

    case NFL_MATCH_IPRANGE:
      if (m->iprange.has_src &&
          (ip->src >= m->iprange.src_lo && ip->src <= m->iprange.src_hi) == m->iprange.src_invert)
        return FALSE;
      if (m->iprange.has_dst &&
          (ip->dst >= m->iprange.dst_lo && ip->dst <= m->iprange.dst_hi) == m->iprange.dst_invert)
        return FALSE;
      return TRUE;

    case NFL_MATCH_ADDRTYPE:
      return addrtype_matches (m, skb, in, out);

    case NFL_MATCH_LIMIT:
      return limit_matches (sim, m);

    case NFL_MATCH_LENGTH:
      return (ip->len >= m->length.min && ip->len <= m->length.max) != m->length.invert;

    case NFL_MATCH_TTL:
      switch (m->ttl.op)
        {
        case NFL_TTL_EQ: return ip->ttl == m->ttl.value;
        case NFL_TTL_NE: return ip->ttl != m->ttl.value;
        case NFL_TTL_LT: return ip->ttl < m->ttl.value;
        default: return ip->ttl > m->ttl.value;
        }

    case NFL_MATCH_STATISTIC:
      return m->statistic.random ? random_matches (sim, m) : nth_matches (sim, m);

    case NFL_MATCH_PHYSDEV:
      return physdev_matches (m, skb);

    default:
      return FALSE;
    }
}

/* ipt_do_table's ip_packet_match() and then each match in order; returns
 * NFL_RULE_MATCHED or the first part that failed */
static int
rule_matches (Sim           *sim,
              const NflRule *rule,
              const Skb     *skb,
              NflInterface  *in,
              NflInterface  *out)
{
  const NflIpHeader *ip = &skb->pkt.ip;

  if (rule->has_src && ((ip->src & rule->src_mask) == rule->src) == rule->src_invert)
    return NFL_RULE_FAILED_SOURCE;
  if (rule->has_dst && ((ip->dst & rule->dst_mask) == rule->dst) == rule->dst_invert)
    return NFL_RULE_FAILED_DESTINATION;
  if (rule->has_in && iface_matches (rule->in, in) == rule->in_invert)
    return NFL_RULE_FAILED_IN;
  if (rule->has_out && iface_matches (rule->out, out) == rule->out_invert)
    return NFL_RULE_FAILED_OUT;
  if (rule->has_proto && (ip->proto == rule->proto) == rule->proto_invert)
    return NFL_RULE_FAILED_PROTOCOL;
  if (rule->frag && !rule->frag_invert)
    return NFL_RULE_FAILED_FRAGMENT;
  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];

      if (m->kind == NFL_MATCH_UNMODELLED)
        {
          /* a kept target is no criterion; a kept match decides what
           * the simulator cannot know */
          if (m->unmodelled.target)
            continue;
          sim->unmodelled_hit = m;
          return NFL_RULE_MATCHED;
        }
      /* which option of a -m conntrack failed, for the playback */
      if (m->kind == NFL_MATCH_CONNTRACK && NFL_RULE_FAILED_MATCH_BASE + i <= NFL_RULE_FAILED_MATCH_MASK)
        {
          guint part = conntrack_failure (m, skb, &sim->ct_failed_value, &sim->ct_value);

          if (part != 0)
            return (NFL_RULE_FAILED_MATCH_BASE + i) | (part << NFL_RULE_FAILED_PART_SHIFT);
          continue;
        }
      if (!match_one (sim, m, skb, in, out))
        return NFL_RULE_FAILED_MATCH_BASE + i;
    }
  return NFL_RULE_MATCHED;
}

/* ---------------------------------------------------------------------- */
/* packets made by the stack                                               */
/* ---------------------------------------------------------------------- */

static guint16
next_ip_id (Sim *sim)
{
  /* any value: the kernel's are random, and the fixtures normalize them */
  sim->next_id = sim->next_id * 31421u + 6927u;
  return sim->next_id ? sim->next_id : 1;
}

static guint
advmss (guint mtu)
{
  return MIN (mtu - 40, 65495u);
}

static guint16
initial_window (guint mss)
{
  return mss < 65535 ? 65535 - 65535 % mss : 65535;
}

static void
new_skb (Sim     *sim,
         Skb     *skb,
         NsState *ns,
         Origin   origin)
{
  memset (skb, 0, sizeof *skb);
  skb->number = ++sim->n_packets;
  skb->ns = ns;
  skb->origin = origin;
  skb->sock = origin == ORIGIN_PROBE ? SOCK_USER : SOCK_KERNEL;
  skb->ct_state = NFL_CT_INVALID;
  sim->trace->n_packets = sim->n_packets;
}

static void
syn_options (NflIpHeader *ip,
             guint        mss,
             gboolean     synack)
{
  static const guint8 tail[] = { 0x01, 0x03, 0x03, WINDOW_SCALE };   /* NOP, window scale */
  guint8 *o = ip->tcp_options;

  o[0] = 2; o[1] = 4; o[2] = mss >> 8; o[3] = mss & 0xff;      /* MSS */
  o[4] = 4; o[5] = 2;                                          /* SACK permitted */
  o[6] = 8; o[7] = 10;                                         /* timestamps */
  o[8] = 0x5e; o[9] = 0x1a; o[10] = 0x2b; o[11] = synack ? 0x77 : 0x3c;
  if (synack)
    memset (o + 12, 0, 4), o[12] = 0x5e, o[13] = 0x1a, o[14] = 0x2b, o[15] = 0x3c;
  else
    memset (o + 12, 0, 4);
  memcpy (o + 16, tail, sizeof tail);
  ip->tcp_options_len = 20;
}

/* icmp_send(): an error about @offending, made in @ns; @gateway is a
 * redirect's */
static void
send_icmp_error_full (Sim       *sim,
                      const Skb *offending,
                      guint8     type,
                      guint8     code,
                      guint32    gateway)
{
  Skb err;
  NsState *ns = offending->ns;
  const NflIpHeader *oip = &offending->pkt.ip;
  RouteResult rt;

  /* never an error about an error, nor about a packet from nowhere */
  if (nfl_packet_is_icmp_error (oip) || oip->src == 0)
    {
      note (sim, NFL_EVENT_DROPPED, offending, "no ICMP error is sent about an ICMP error");
      return;
    }

  new_skb (sim, &err, ns, ORIGIN_STACK);
  err.pkt.ip.proto = NFL_PROTO_ICMP;
  err.pkt.ip.icmp_type = type;
  err.pkt.ip.icmp_code = code;
  err.pkt.ip.tos = (oip->tos & 0x1e) | 0xc0;
  err.pkt.ip.ttl = 64;
  err.pkt.ip.df = FALSE;
  err.pkt.ip.id = next_ip_id (sim);
  err.pkt.ip.dst = oip->src;
  err.pkt.ip.len = 20 + 8 + MIN (oip->len, 576 - 28);
  err.pkt.has_inner = TRUE;
  err.pkt.inner = *oip;
  err.pkt.ip.icmp_gateway = gateway;
  /* nf_ct_attach (): an error is RELATED to the connection of the
   * packet it is about, even one not confirmed yet (which it then never
   * confirms: it goes the other way) — a router's time-exceeded about a
   * connection's first packet is RELATED in its OUTPUT, as is a redirect */
  if (offending->ct != NULL && !offending->untracked)
    {
      err.ct = offending->ct;
      err.ct_confirmed = TRUE;
      err.ct_dir = offending->ct_dir == DIR_ORIGINAL ? DIR_REPLY : DIR_ORIGINAL;
      err.ct_state = NFL_CT_RELATED;
    }
  /* the source: the address the offending packet was sent to when it was
   * for this namespace, else what routing picks for the way back */
  if (offending->local_dst)
    err.pkt.ip.src = oip->dst;
  else
    {
      rt = route_lookup (ns->ns, oip->src, TRUE);
      if (rt.type != ROUTE_UNICAST && rt.type != ROUTE_LOCAL)
        {
          note (sim, NFL_EVENT_DROPPED, &err, "the ICMP error has no route back to %s",
                ip_text (oip->src).s);
          return;
        }
      err.pkt.ip.src = rt.prefsrc;
    }
  if (type == 5)
    note (sim, NFL_EVENT_PACKET_CREATED, &err, "%s sends %s an ICMP redirect (type 5, code 1, gateway %s): "
          "packet %u leaves by %s, the interface it came in by, so %s could send to %s %s without %s",
          ns->ns->name, ip_text (oip->src).s, ip_text (gateway).s, offending->number, offending->out->name,
          ip_text (oip->src).s, ip_text (oip->dst).s,
          gateway == oip->dst ? "directly on that link" : "through that gateway", ns->ns->name);
  else
    note (sim, NFL_EVENT_PACKET_CREATED, &err, "%s sends ICMP %s (type %u, code %u) to %s",
          ns->ns->name, nfl_icmp_type_name (type, code) ? nfl_icmp_type_name (type, code) : "error",
          type, code, ip_text (oip->src).s);
  output_packet (sim, ns, &err, NULL);
}

static void
send_icmp_error (Sim       *sim,
                 const Skb *offending,
                 guint8     type,
                 guint8     code)
{
  send_icmp_error_full (sim, offending, type, code, 0);
}

/* Whether the kernel combines the all and the interface value of a
 * net.ipv4.conf key with OR (IN_DEV_ORCONF) or AND (IN_DEV_ANDCONF). */
static gboolean
conf_on (const NflInterface *iface,
         const char         *name,
         gboolean            and)
{
  int all, own = nfl_interface_conf_value (iface, name, 1, &all);

  return and ? (all != 0 && own != 0) : (all != 0 || own != 0);
}

/* inet_addr_onlink (): an address of @dev whose subnet holds @a and,
 * unless it is 0, @b */
static gboolean
addr_onlink (const NflInterface *dev,
             guint32             a,
             guint32             b)
{
  for (guint i = 0; i < dev->addresses->len; i++)
    {
      const NflAddress *address = &g_array_index (dev->addresses, NflAddress, i);
      guint32 mask = nfl_prefix_mask (address->prefix_len);

      if ((a & mask) == (address->addr & mask) && (b == 0 || (b & mask) == (address->addr & mask)))
        return TRUE;
    }
  return FALSE;
}

/* ip_forward () after the TTL: __mkroute_input () marked the packet
 * IPSKB_DOREDIRECT when it leaves by the interface it came in by,
 * send_redirects is on (all or the interface) and fib_validate_source ()
 * found its source on a connected route of that interface, with
 * shared_media on (the default) or the source and the next hop in one of
 * its subnets; ip_rt_send_redirect () then sends the first one for a
 * source at once and the next only 40 ms later. */
static void
maybe_send_redirect (Sim       *sim,
                     const Skb *skb)
{
  NflInterface *dev = skb->out;
  guint32 src = skb->pkt.ip.src;
  guint32 gw_of_route = skb->nexthop == skb->pkt.ip.dst ? 0 : skb->nexthop;
  RouteResult back;
  g_autofree char *key = NULL;

  if (skb->in == NULL || dev != skb->in)
    return;
  if (!conf_on (dev, "send_redirects", FALSE))
    {
      note (sim, NFL_EVENT_ROUTE, skb, "it leaves by %s, the interface it came in by, but send_redirects is 0 "
            "for all and for %s: no ICMP redirect", dev->name, dev->name);
      return;
    }
  back = route_lookup (skb->ns->ns, src, FALSE);
  if (back.type != ROUTE_UNICAST || back.dev != dev || back.gateway != src)
    {
      note (sim, NFL_EVENT_ROUTE, skb, "it leaves by %s, the interface it came in by, but its sender %s is not on "
            "a subnet of %s: no ICMP redirect", dev->name, ip_text (src).s, dev->name);
      return;
    }
  if (!conf_on (dev, "shared_media", FALSE) && !addr_onlink (dev, src, gw_of_route))
    {
      note (sim, NFL_EVENT_ROUTE, skb, "it leaves by %s, the interface it came in by, but shared_media is 0 and "
            "%s and its next hop share no subnet of %s: no ICMP redirect", dev->name, ip_text (src).s, dev->name);
      return;
    }
  key = g_strdup_printf ("%p/%08x", (void *) skb->ns, src);
  if (g_hash_table_contains (sim->redirected, key))
    {
      note (sim, NFL_EVENT_ROUTE, skb, "it leaves by %s, the interface it came in by, but %s has just sent %s a "
            "redirect: the next one may follow only 40 ms later (ip_rt_redirect_load)", dev->name,
            skb->ns->ns->name, ip_text (src).s);
      return;
    }
  g_hash_table_add (sim->redirected, g_steal_pointer (&key));
  send_icmp_error_full (sim, skb, 5, 1, skb->nexthop);
}

/* nf_send_reset(): REJECT --reject-with tcp-reset */
static void
send_reject_reset (Sim       *sim,
                   const Skb *offending)
{
  Skb rst;
  const NflIpHeader *oip = &offending->pkt.ip;

  if (oip->proto != NFL_PROTO_TCP || (oip->tcp_flags & NFL_TCP_RST))
    return;
  new_skb (sim, &rst, offending->ns, ORIGIN_STACK);
  rst.sock = SOCK_NONE;
  rst.pkt.ip.proto = NFL_PROTO_TCP;
  rst.pkt.ip.src = oip->dst;
  rst.pkt.ip.dst = oip->src;
  rst.pkt.ip.sport = oip->dport;
  rst.pkt.ip.dport = oip->sport;
  rst.pkt.ip.ttl = 64;
  rst.pkt.ip.df = TRUE;
  rst.pkt.ip.id = 0;
  rst.pkt.ip.len = 40;
  rst.pkt.ip.window = 0;
  if (oip->tcp_flags & NFL_TCP_ACK)
    {
      rst.pkt.ip.tcp_flags = NFL_TCP_RST;
      rst.pkt.ip.seq = oip->ack_seq;
    }
  else
    {
      rst.pkt.ip.tcp_flags = NFL_TCP_RST | NFL_TCP_ACK;
      rst.pkt.ip.ack_seq = oip->seq + ((oip->tcp_flags & NFL_TCP_SYN) ? 1 : 0);
    }
  rst.pkt.mark = 0;
  /* nf_ct_attach(): the reset belongs to the connection it answers */
  if (offending->ct != NULL)
    {
      rst.ct = offending->ct;
      rst.ct_confirmed = offending->ct_confirmed;
      rst.ct_dir = offending->ct_dir == DIR_ORIGINAL ? DIR_REPLY : DIR_ORIGINAL;
      rst.ct_state = NFL_CT_RELATED;
    }
  note (sim, NFL_EVENT_PACKET_CREATED, &rst, "%s sends a TCP reset to %s (REJECT --reject-with tcp-reset)",
        offending->ns->ns->name, ip_text (oip->src).s);
  output_packet (sim, offending->ns, &rst, NULL);
}

static void
send_reject (Sim             *sim,
             const Skb       *skb,
             const NflTarget *t)
{
  static const guint8 codes[] = {
    [NFL_REJECT_ICMP_NET_UNREACHABLE] = 0,
    [NFL_REJECT_ICMP_HOST_UNREACHABLE] = 1,
    [NFL_REJECT_ICMP_PORT_UNREACHABLE] = 3,
    [NFL_REJECT_ICMP_PROTO_UNREACHABLE] = 2,
    [NFL_REJECT_ICMP_NET_PROHIBITED] = 9,
    [NFL_REJECT_ICMP_HOST_PROHIBITED] = 10,
    [NFL_REJECT_ICMP_ADMIN_PROHIBITED] = 13,
  };

  if (t->reject_with == NFL_REJECT_TCP_RESET)
    send_reject_reset (sim, skb);
  else
    send_icmp_error (sim, skb, 3, codes[t->reject_with]);
}

/* ---------------------------------------------------------------------- */
/* NAT                                                                     */
/* ---------------------------------------------------------------------- */

static gboolean
manip_is_src (NflHook hook)
{
  return hook == NFL_HOOK_POSTROUTING || hook == NFL_HOOK_INPUT;
}

/* The connection's original tuple as it leaves after NAT. */
static Tuple
translated_original (const Conn *c)
{
  return invert_tuple (&c->tuple[DIR_REPLY]);
}

static guint16
pick_port (const NflTarget *t,
           guint16          current)
{
  if (!t->nat_has_ports)
    return current;
  /* nf_nat_l4proto_unique_tuple (): a shifted port map moves the port by
   * its distance from the base (16 bits, wrapping), within the range;
   * get_unique_tuple () keeps a port already in range only without one */
  if (t->nat_flags & NFL_NAT_PORT_SHIFT)
    return t->nat_port_lo + (guint16) (current - t->nat_port_base) % (t->nat_port_hi - t->nat_port_lo + 1u);
  if (current >= t->nat_port_lo && current <= t->nat_port_hi)
    return current;
  /* a port outside the range takes the first port of the range; the
   * kernel picks a random one for SNAT, which no fixture relies on */
  return t->nat_port_lo;
}

/* Sets up the binding the nat chain asked for (or a null binding) */
static void
nat_setup (Sim     *sim,
           Skb     *skb,
           NflHook  hook)
{
  Conn *c = skb->ct;
  gboolean src = manip_is_src (hook);
  Tuple now = translated_original (c);
  const NflTarget *t = &skb->nat_target;
  g_autofree char *before = NULL, *after = NULL;

  c->status |= src ? CT_SRC_NAT_DONE : CT_DST_NAT_DONE;
  if (!skb->nat_pending)
    return;
  skb->nat_pending = FALSE;

  if (src)
    {
      guint32 addr = now.src;
      before = g_strdup_printf ("%s:%u", ip_text (now.src).s, now.sport);
      if (t->kind == NFL_TARGET_MASQUERADE)
        addr = select_address (skb->ns->ns, skb->out, skb->nexthop);
      else if (t->nat_has_addr)
        addr = t->nat_addr_lo;
      now.src = addr;
      if (now.proto != NFL_PROTO_ICMP)
        now.sport = pick_port (t, now.sport);
      c->status |= CT_SRC_NAT;
      after = g_strdup_printf ("%s:%u", ip_text (now.src).s, now.sport);
    }
  else
    {
      guint32 addr = now.dst;
      before = g_strdup_printf ("%s:%u", ip_text (now.dst).s, now.dport);
      if (t->kind == NFL_TARGET_REDIRECT)
        {
          if (hook == NFL_HOOK_OUTPUT)
            addr = 0x7f000001;
          else if (skb->in != NULL && skb->in->addresses->len > 0)
            addr = g_array_index (skb->in->addresses, NflAddress, 0).addr;
        }
      else if (t->nat_has_addr)
        addr = t->nat_addr_lo;
      now.dst = addr;
      if (now.proto != NFL_PROTO_ICMP)
        now.dport = pick_port (t, now.dport);
      c->status |= CT_DST_NAT;
      after = g_strdup_printf ("%s:%u", ip_text (now.dst).s, now.dport);
    }
  c->tuple[DIR_REPLY] = invert_tuple (&now);
  note (sim, NFL_EVENT_NAT, skb, "%s binding: %s becomes %s for this connection",
        src ? "source NAT" : "destination NAT", before, after);
}

static void
manip_header (NflIpHeader *ip,
              const Tuple *target,
              gboolean     src)
{
  if (src)
    {
      ip->src = target->src;
      if (ip->proto == NFL_PROTO_TCP || ip->proto == NFL_PROTO_UDP)
        ip->sport = target->sport;
    }
  else
    {
      ip->dst = target->dst;
      if (ip->proto == NFL_PROTO_TCP || ip->proto == NFL_PROTO_UDP)
        ip->dport = target->dport;
    }
}

/* nf_nat_packet() and nf_nat_icmp_reply_translation() */
static void
nat_packet (Sim     *sim,
            Skb     *skb,
            NflHook  hook)
{
  Conn *c = skb->ct;
  gboolean src = manip_is_src (hook);
  guint bit = src ? CT_SRC_NAT : CT_DST_NAT;
  NflPacket before = skb->pkt;

  if (skb->ct_dir == DIR_REPLY)
    bit = bit == CT_SRC_NAT ? CT_DST_NAT : CT_SRC_NAT;
  if (!(c->status & bit))
    return;

  if (skb->ct_state == NFL_CT_RELATED && nfl_packet_is_icmp_error (&skb->pkt.ip))
    {
      const Tuple *other = &c->tuple[!skb->ct_dir];
      Tuple outer = invert_tuple (other);

      if (skb->pkt.has_inner)
        manip_header (&skb->pkt.inner, other, !src);
      manip_header (&skb->pkt.ip, &outer, src);
    }
  else
    {
      Tuple target = invert_tuple (&c->tuple[!skb->ct_dir]);
      manip_header (&skb->pkt.ip, &target, src);
    }
  if (memcmp (&before, &skb->pkt, sizeof before) != 0)
    {
      note (sim, NFL_EVENT_NAT, skb, "%s of this %s packet translated: now %s → %s",
            src ? "source" : "destination",
            skb->ct_dir == DIR_REPLY ? "reply" : "original",
            ip_text (skb->pkt.ip.src).s, ip_text (skb->pkt.ip.dst).s);
    }
}

/* ---------------------------------------------------------------------- */
/* chains and hooks                                                        */
/* ---------------------------------------------------------------------- */

/* What a rule checks first (ip_packet_match()'s addresses), packed so
 * that a chain's keys lie next to each other in memory: a packet going
 * through thousands of rules that differ in their source reads 8 bytes
 * per rule from one array instead of a whole rule from wherever it was
 * allocated (the destinations are a second array, read only for rules
 * whose source matched).  A packet that passes a rule's keys is not yet a
 * match: the rule is then evaluated in full.  A rule without -s, or with
 * ! -s, has mask and address 0 for the source, which every packet passes
 * (the full evaluation decides), and the same for -d and for a -d after a
 * ! -s. */
typedef struct {
  guint32 addr, mask;
} AddrKey;

/* chain->match_keys holds the source keys of all rules, then their
 * destination keys */
static const AddrKey *
chain_keys (NflRuleset *ruleset,
            NflChain   *chain)
{
  GArray *keys = chain->match_keys;
  guint n = chain->rules->len;

  if (keys != NULL && chain->match_keys_generation == ruleset->generation && keys->len == 2 * n)
    return (const AddrKey *) keys->data;

  if (keys == NULL)
    keys = chain->match_keys = g_array_sized_new (FALSE, FALSE, sizeof (AddrKey), 2 * n);
  g_array_set_size (keys, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      const NflRule *rule = g_ptr_array_index (chain->rules, i);
      gboolean plain_src = rule->has_src && !rule->src_invert;
      /* after a ! -s the full evaluation must decide which part fails first */
      gboolean plain_dst = rule->has_dst && !rule->dst_invert && !(rule->has_src && rule->src_invert);

      g_array_index (keys, AddrKey, i) = (AddrKey) {
        plain_src ? rule->src : 0, plain_src ? rule->src_mask : 0,
      };
      g_array_index (keys, AddrKey, n + i) = (AddrKey) {
        plain_dst ? rule->dst : 0, plain_dst ? rule->dst_mask : 0,
      };
    }
  chain->match_keys_generation = ruleset->generation;
  return (const AddrKey *) keys->data;
}

/* From rule @i on, the first rule whose keys @src and @dst pass; the
 * failing part of each rule before it goes to @failures at its index.
 * Kept apart from the rest so that the loop runs in registers. */
static G_GNUC_NO_INLINE guint
scan_keys (const AddrKey *src_keys,
           const AddrKey *dst_keys,
           guint          i,
           guint          n,
           guint32        src,
           guint32        dst,
           gint16        *failures)
{
  for (; i < n; i++)
    {
      if ((src & src_keys[i].mask) != src_keys[i].addr)
        failures[i] = NFL_RULE_FAILED_SOURCE;
      else if ((dst & dst_keys[i].mask) != dst_keys[i].addr)
        failures[i] = NFL_RULE_FAILED_DESTINATION;
      else
        break;
    }
  return i;
}

typedef struct {
  NflChain      *chain;
  int            chain_index;
  guint          next_rule;
  gboolean       via_goto;  /* entered with -g: returning skips to the caller's caller */
  const AddrKey *keys;      /* chain_keys() of @chain, once looked at */
} Frame;

static int
chain_index (NflTable *table,
             NflChain *chain)
{
  for (guint i = 0; i < table->chains->len; i++)
    if (g_ptr_array_index (table->chains, i) == chain)
      return i;
  return -1;
}

static void
apply_change (Sim             *sim,
              Skb             *skb,
              const NflTarget *t)
{
  switch (t->kind)
    {
    case NFL_TARGET_MARK:
      {
        guint32 old = skb->pkt.mark;
        skb->pkt.mark = (skb->pkt.mark & ~t->mark_mask) ^ t->mark_value;
        note (sim, NFL_EVENT_CHANGED, skb, "mark 0x%x → 0x%x", old, skb->pkt.mark);
      }
      break;
    case NFL_TARGET_CONNMARK:
      {
        /* connmark_tg_shift (): nothing without an entry, or before
         * conntrack has looked at the packet (the raw table) */
        Conn *c = skb->untracked ? NULL : skb->ct;
        guint32 old;

        if (c == NULL)
          {
            note (sim, NFL_EVENT_CONNTRACK, skb, "CONNMARK does nothing: the packet has no conntrack entry");
            break;
          }
        if (t->connmark_mode == NFL_CONNMARK_RESTORE)
          {
            old = skb->pkt.mark;
            skb->pkt.mark = (skb->pkt.mark & ~t->connmark_nfmask) ^ (c->mark & t->mark_mask);
            note (sim, NFL_EVENT_CHANGED, skb, "mark 0x%x → 0x%x (from the connection's mark 0x%x)",
                  old, skb->pkt.mark, c->mark);
            break;
          }
        old = c->mark;
        if (t->connmark_mode == NFL_CONNMARK_SAVE)
          c->mark = (c->mark & ~t->mark_mask) ^ (skb->pkt.mark & t->connmark_nfmask);
        else
          c->mark = (c->mark & ~t->mark_mask) ^ t->mark_value;
        note (sim, NFL_EVENT_CONNTRACK, skb, "connection mark 0x%x → 0x%x", old, c->mark);
        if (c->mark != old && skb->ct_confirmed)
          record_conn (sim, skb->ns, c);
      }
      break;
    case NFL_TARGET_TOS:
      {
        guint8 old = skb->pkt.ip.tos;
        skb->pkt.ip.tos = (skb->pkt.ip.tos & ~t->tos_mask) ^ t->tos_value;
        note (sim, NFL_EVENT_CHANGED, skb, "TOS 0x%02x → 0x%02x", old, skb->pkt.ip.tos);
      }
      break;
    case NFL_TARGET_TTL:
      {
        guint8 old = skb->pkt.ip.ttl;
        int ttl = old;

        if (t->ttl_mode == NFL_TTL_SET)
          ttl = t->ttl_value;
        else if (t->ttl_mode == NFL_TTL_DEC)
          ttl = MAX (0, ttl - t->ttl_value);
        else
          ttl = MIN (255, ttl + t->ttl_value);
        skb->pkt.ip.ttl = ttl;
        note (sim, NFL_EVENT_CHANGED, skb, "TTL %u → %u", old, skb->pkt.ip.ttl);
      }
      break;
    default:
      break;
    }
}

/* tcpmss_tg4 (): the MSS option of a TCP segment lowered to the
 * target's value, or with --clamp-mss-to-pmtu to the smaller MTU of the
 * route out and the route back to the source less 40 bytes of headers;
 * never raised.  A segment without the option and without data gets
 * one, of at most 536 (RFC 1122's default), 4 bytes longer: the kernel
 * does not look at the flags, and iptables-nft does not ask for a
 * --tcp-flags SYN match, so an ACK or a reset can grow one too. */
static void
apply_tcpmss (Sim             *sim,
              Skb             *skb,
              const NflTarget *t)
{
  NflIpHeader *ip = &skb->pkt.ip;
  guint newmss = t->tcpmss;
  guint i = 0;

  if (ip->proto != NFL_PROTO_TCP)
    return;
  if (t->tcpmss == NFL_TCPMSS_CLAMP)
    {
      RouteResult back = route_lookup (skb->ns->ns, ip->src, TRUE);
      guint out_mtu = skb->out != NULL ? skb->out->mtu : G_MAXUINT;
      guint in_mtu = back.dev != NULL ? back.dev->mtu : G_MAXUINT;

      newmss = MIN (out_mtu, in_mtu) - 40;
    }
  while (i + 4 <= ip->tcp_options_len && ip->tcp_options[i] != 0)
    {
      guint8 *o = &ip->tcp_options[i];

      if (o[0] == 1)
        {
          i++;
          continue;
        }
      if (o[0] == 2 && o[1] == 4)
        {
          guint oldmss = (o[2] << 8) | o[3];

          if (oldmss <= newmss)
            {
              note (sim, NFL_EVENT_CHANGED, skb, "MSS %u stays: TCPMSS never raises it (to %u here)", oldmss,
                    newmss);
              return;
            }
          o[2] = newmss >> 8;
          o[3] = newmss & 0xff;
          note (sim, NFL_EVENT_CHANGED, skb, "MSS %u → %u", oldmss, newmss);
          return;
        }
      if (o[1] < 2)
        break;
      i += o[1];
    }
  /* no MSS option: the segment carries no data here, so one is added
   * in front of the others, if the header has room */
  if (ip->tcp_options_len + 4 > 40)
    return;
  newmss = MIN (newmss, 536u);
  memmove (ip->tcp_options + 4, ip->tcp_options, ip->tcp_options_len);
  ip->tcp_options[0] = 2;
  ip->tcp_options[1] = 4;
  ip->tcp_options[2] = newmss >> 8;
  ip->tcp_options[3] = newmss & 0xff;
  ip->tcp_options_len += 4;
  ip->len += 4;
  note (sim, NFL_EVENT_CHANGED, skb, "MSS option %u added (the segment had none): 4 bytes longer, LEN %u",
        newmss, ip->len);
}

/* The loop every rule of a long chain goes through: from @f's next rule
 * to the first one that matches (or the end of the chain), recording
 * why each rule in between did not match as one run.  Returns the index
 * of the matching rule, or the length of the chain. */
static guint
skip_rules (Sim          *sim,
            const Skb    *skb,
            NflRuleset   *ruleset,
            Frame        *f,
            NflTableId    table_id,
            NflHook       hook,
            NflInterface *in,
            NflInterface *out)
{
  NflTrace *trace = sim->trace;
  NflRule **rules = (NflRule **) f->chain->rules->pdata;
  const guint n = f->chain->rules->len;
  const guint start = f->next_rule;
  gint16 *failures;
  guint i = start;

  if (f->keys == NULL)
    f->keys = chain_keys (ruleset, f->chain);
  _nfl_trace_reserve_failures (trace, n - start);
  failures = trace->failures + trace->n_failures - start;

  for (;;)
    {
      int failed;

      i = scan_keys (f->keys, f->keys + n, i, n, skb->pkt.ip.src, skb->pkt.ip.dst, failures);
      if (i >= n)
        break;
      sim->ct_failed_value = FALSE;
      failed = rule_matches (sim, rules[i], skb, in, out);
      if (failed == NFL_RULE_MATCHED)
        break;
      if (sim->ct_failed_value)
        _nfl_trace_add_failure_value (trace, (guint) (failures + i - trace->failures), sim->ct_value);
      failures[i++] = (gint16) MIN (failed, G_MAXINT16);
    }

  if (i > start)
    {
      if (!sim->run.active)
        sim->run = (RuleRun) {
          TRUE, skb->number, skb->ns->index, table_id, hook, f->chain_index, start,
          trace->n_failures,
        };
      trace->n_failures += i - start;
    }
  return i;
}

/* ipt_do_table(): one table's chain for @hook.  Returns ACCEPT or DROP;
 * REJECT has already sent its answer when it returns DROP. */
static Verdict
run_table (Sim          *sim,
           Skb          *skb,
           NflTableId    table_id,
           NflHook       hook,
           NflInterface *in,
           NflInterface *out)
{
  NflRuleset *ruleset = skb->ns->ns->ruleset;
  NflTable *table = &ruleset->tables[table_id];
  NflChain *builtin = nfl_ruleset_get_builtin (ruleset, table_id, hook);
  Frame stack[64];
  guint depth = 0;

  if (builtin == NULL)
    return VERDICT_ACCEPT;

  stack[0] = (Frame) { builtin, chain_index (table, builtin), 0, FALSE };
  emit (sim, NFL_EVENT_CHAIN, skb, table_id, hook, stack[0].chain_index, -1, NFL_RULE_MATCHED, NULL);

  for (;;)
    {
      Frame *f = &stack[depth];
      NflRule *rule;
      int failed;

      if (f->next_rule >= f->chain->rules->len)
        {
          /* end of chain */
          if (depth == 0)
            {
              f->chain->packets++;
              f->chain->bytes += skb->pkt.ip.len;
              emit (sim, NFL_EVENT_POLICY, skb, table_id, hook, f->chain_index, -1, NFL_RULE_MATCHED,
                    g_strdup (nfl_policy_name (f->chain->policy)));
              if (f->chain->policy == NFL_POLICY_DROP)
                {
                  note (sim, NFL_EVENT_DROPPED, skb, "dropped by the policy of %s %s",
                        nfl_table_name (table_id), f->chain->name);
                  return VERDICT_DROP;
                }
              return VERDICT_ACCEPT;
            }
          emit (sim, NFL_EVENT_RETURN, skb, table_id, hook, f->chain_index, -1, NFL_RULE_MATCHED, NULL);
          depth--;
          continue;
        }

      f->next_rule = skip_rules (sim, skb, ruleset, f, table_id, hook, in, out);
      if (f->next_rule >= f->chain->rules->len)
        continue;
      rule = g_ptr_array_index (f->chain->rules, f->next_rule);
      if (sim->unmodelled_hit != NULL || rule->target.kind == NFL_TARGET_UNMODELLED)
        {
          const NflMatch *kept = sim->unmodelled_hit ? sim->unmodelled_hit : nfl_rule_find_unmodelled (rule);
          g_autofree char *name = kept ? nfl_rule_unmodelled_name (kept) : g_strdup ("a target");
          g_autofree char *outcome = g_strdup_printf ("stopped: %s %s %s rule %u uses %s, which the simulator "
                                                      "does not model", skb->ns->ns->name,
                                                      nfl_table_name (table_id), f->chain->name,
                                                      f->next_rule + 1, name);

          sim->unmodelled_hit = NULL;
          note (sim, NFL_EVENT_DROPPED, skb, "rule %u of %s %s is kept as written: %s is not simulated, so what "
                "it does with this packet is not known and the trace stops here", f->next_rule + 1,
                nfl_table_name (table_id), f->chain->name, name);
          set_outcome (sim, skb, outcome);
          sim->halted = TRUE;
          return VERDICT_DROP;
        }
      failed = NFL_RULE_MATCHED;
      emit (sim, NFL_EVENT_RULE, skb, table_id, hook, f->chain_index, f->next_rule, failed, NULL);
      f->next_rule++;

      rule->packets++;
      rule->bytes += skb->pkt.ip.len;

      switch (rule->target.kind)
        {
        case NFL_TARGET_NONE:
          break;

        case NFL_TARGET_ACCEPT:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("ACCEPT"));
          return VERDICT_ACCEPT;

        case NFL_TARGET_DROP:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("DROP"));
          note (sim, NFL_EVENT_DROPPED, skb, "dropped by rule %u of %s %s",
                f->next_rule, nfl_table_name (table_id), f->chain->name);
          return VERDICT_DROP;

        case NFL_TARGET_REJECT:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("REJECT"));
          /* said before the answer is sent, so that the drop stays with
           * the rule that made it */
          note (sim, NFL_EVENT_DROPPED, skb, "rejected by rule %u of %s %s",
                f->next_rule, nfl_table_name (table_id), f->chain->name);
          send_reject (sim, skb, &rule->target);
          return VERDICT_DROP;

        case NFL_TARGET_RETURN:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("RETURN"));
          f->next_rule = f->chain->rules->len;   /* falls to the end-of-chain handling */
          if (depth > 0)
            {
              emit (sim, NFL_EVENT_RETURN, skb, table_id, hook, f->chain_index, -1, NFL_RULE_MATCHED, NULL);
              depth--;
            }
          break;

        case NFL_TARGET_LOG:
          {
            GString *line = g_string_new (NULL);
            const guint8 *mac = in != NULL ? skb->mac : NULL;

            nfl_log_format (line, rule->target.log_prefix, in ? in->name : "", out ? out->name : "",
                            skb->physin ? skb->physin->name : NULL, skb->physout ? skb->physout->name : NULL,
                            mac, &skb->pkt, rule->target.log_flags);
            emit (sim, NFL_EVENT_LOG, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                  NFL_RULE_MATCHED, g_string_free (line, FALSE));
          }
          break;

        case NFL_TARGET_MARK:
        case NFL_TARGET_CONNMARK:
        case NFL_TARGET_TOS:
        case NFL_TARGET_TTL:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup (nfl_target_kind_name (rule->target.kind)));
          apply_change (sim, skb, &rule->target);
          break;

        case NFL_TARGET_TCPMSS:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("TCPMSS"));
          apply_tcpmss (sim, skb, &rule->target);
          break;

        case NFL_TARGET_CHECKSUM:
          /* checksum_tg (): only a packet whose checksum is left to the
           * device (CHECKSUM_PARTIAL) is changed; the simulator's packets
           * always carry a complete one */
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("CHECKSUM"));
          break;

        case NFL_TARGET_NOTRACK:
        case NFL_TARGET_CT:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("NOTRACK"));
          skb->untracked = TRUE;
          break;

        case NFL_TARGET_TRACE:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup ("TRACE"));
          break;

        case NFL_TARGET_NFQUEUE:
          /* nf_queue (): no program listens on any queue in a trace.
           * Without --queue-bypass the packet is freed (the hook returns
           * 0, so a sender's sendto () does not fail as after DROP); with
           * it nf_hook_slow () goes on with the next hook function: the
           * rest of this table is skipped, as after ACCEPT */
          {
            const NflTarget *t = &rule->target;
            g_autofree char *queues = t->queue_total > 1 ?
              g_strdup_printf ("queues %u-%u", t->queue_num, t->queue_num + t->queue_total - 1) :
              g_strdup_printf ("queue %u", t->queue_num);

            emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                  NFL_RULE_MATCHED, g_strdup ("NFQUEUE"));
            if (t->queue_flags & NFL_NFQUEUE_BYPASS)
              {
                note (sim, NFL_EVENT_CHANGED, skb, "no program listens on %s: --queue-bypass lets the packet "
                      "go on, as ACCEPT does", queues);
                return VERDICT_ACCEPT;
              }
            note (sim, NFL_EVENT_DROPPED, skb, "no program listens on %s: the kernel drops the packet", queues);
            skb->queue_dropped = TRUE;
            return VERDICT_DROP;
          }

        case NFL_TARGET_NFLOG:
          /* nft_log with a group: nfnetlink_log copies the packet to the
           * program bound to the group, if any, and the packet goes on;
           * nothing reaches the kernel log */
          {
            GString *line = g_string_new (NULL);
            const NflTarget *t = &rule->target;
            guint copied = t->nflog_size_given ? MIN (t->nflog_size, skb->pkt.ip.len) : skb->pkt.ip.len;

            g_string_append_printf (line, "NFLOG group %u", t->nflog_group);
            if (t->nflog_prefix[0] != '\0')
              g_string_append_printf (line, " prefix \"%s\"", t->nflog_prefix);
            g_string_append_printf (line, ", %u of the packet's %u bytes", copied, skb->pkt.ip.len);
            if (t->nflog_threshold > 1)
              g_string_append_printf (line, ", sent once %u packets are queued", t->nflog_threshold);
            g_string_append (line, ": ");
            nfl_log_format (line, "", in ? in->name : "", out ? out->name : "", NULL, NULL,
                            in != NULL ? skb->mac : NULL, &skb->pkt, 0);
            emit (sim, NFL_EVENT_NFLOG, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                  NFL_RULE_MATCHED, g_string_free (line, FALSE));
          }
          break;

        case NFL_TARGET_DNAT:
        case NFL_TARGET_SNAT:
        case NFL_TARGET_MASQUERADE:
        case NFL_TARGET_REDIRECT:
          emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                NFL_RULE_MATCHED, g_strdup (nfl_target_kind_name (rule->target.kind)));
          skb->nat_pending = TRUE;
          skb->nat_target = rule->target;
          return VERDICT_ACCEPT;

        case NFL_TARGET_JUMP:
        case NFL_TARGET_GOTO:
          {
            NflChain *next = nfl_ruleset_find_chain (ruleset, table_id, rule->target.chain);
            gboolean is_goto = rule->target.kind == NFL_TARGET_GOTO;

            emit (sim, NFL_EVENT_TARGET, skb, table_id, hook, f->chain_index, f->next_rule - 1,
                  NFL_RULE_MATCHED, g_strdup_printf ("%s %s", is_goto ? "goto" : "jump", rule->target.chain));
            if (next == NULL || depth + 1 >= G_N_ELEMENTS (stack))
              break;
            if (is_goto && depth > 0)
              {
                /* replaces the current frame: returning goes to its caller */
                stack[depth] = (Frame) { next, chain_index (table, next), 0, TRUE };
              }
            else if (is_goto)
              {
                /* -g from a built-in chain: falling off the end applies the
                 * policy, so the rest of the built-in chain is skipped */
                stack[0].next_rule = stack[0].chain->rules->len;
                stack[++depth] = (Frame) { next, chain_index (table, next), 0, TRUE };
              }
            else
              stack[++depth] = (Frame) { next, chain_index (table, next), 0, FALSE };
            emit (sim, NFL_EVENT_CHAIN, skb, table_id, hook, stack[depth].chain_index, -1, NFL_RULE_MATCHED, NULL);
          }
          break;

        default:
          break;
        }
    }
}

/* nf_nat_inet_fn(): the first packet of a connection, and a RELATED
 * packet that is not an ICMP error (a REJECT's reset carries the entry of
 * the packet it answers), go through the nat chain of a manip type the
 * connection has not set up yet; ICMP errors are only translated. */
/* nf_nat_icmp_reply_translation (): "Redirects on non-null nats must be
 * dropped", and so are those of a connection whose NAT is not settled in
 * both directions yet (a packet being forwarded has not reached nat
 * POSTROUTING) */
static gboolean
nat_drops_redirect (Sim          *sim,
                    const Skb    *skb,
                    NflHook       hook)
{
  const Conn *c = skb->ct;
  const char *hook_name = nfl_hook_name (hook);
  char *text;

  if (skb->ct_state != NFL_CT_RELATED || skb->pkt.ip.proto != NFL_PROTO_ICMP || skb->pkt.ip.icmp_type != 5)
    return FALSE;
  if ((c->status & (CT_SRC_NAT_DONE | CT_DST_NAT_DONE)) != (CT_SRC_NAT_DONE | CT_DST_NAT_DONE))
    text = g_strdup_printf ("nat %s refuses the redirect: it belongs to a connection that %shas not been through "
                            "nat POSTROUTING yet, so its translation is not settled (nf_nat_icmp_reply_translation ())",
                            hook_name, (c->status & (CT_SRC_NAT | CT_DST_NAT)) ? "is translated and " : "");
  else if (c->status & (CT_SRC_NAT | CT_DST_NAT))
    text = g_strdup_printf ("nat %s refuses the redirect: its connection is translated, and hosts that followed it "
                            "would talk past the translation (nf_nat_icmp_reply_translation ())", hook_name);
  else
    return FALSE;
  /* in the nat table's place of the hook, though no nat chain runs */
  emit (sim, NFL_EVENT_DROPPED, skb, NFL_TABLE_NAT, hook, -1, -1, NFL_RULE_MATCHED, text);
  return TRUE;
}

static gboolean
nat_chain_applies (const Skb *skb)
{
  if (skb->ct_state == NFL_CT_NEW)
    return skb->ct_dir == DIR_ORIGINAL;
  return skb->ct_state == NFL_CT_RELATED && !nfl_packet_is_icmp_error (&skb->pkt.ip);
}

/* One hook: the tables in priority order, with conntrack and NAT where
 * the kernel registers them. */
static Verdict
run_hook (Sim          *sim,
          Skb          *skb,
          NflHook       hook,
          NflInterface *in,
          NflInterface *out)
{
  int outer = sim->hook;
  NflInterface *outer_in = sim->hook_in, *outer_out = sim->hook_out;
  Verdict verdict;

  sim->hook = hook;
  sim->hook_in = in;
  sim->hook_out = out;
  verdict = run_hook_tables (sim, skb, hook, in, out);
  sim->hook = outer;
  sim->hook_in = outer_in;
  sim->hook_out = outer_out;
  return verdict;
}

static Verdict
run_hook_tables (Sim          *sim,
                 Skb          *skb,
                 NflHook       hook,
                 NflInterface *in,
                 NflInterface *out)
{
  gboolean nat_here = hook != NFL_HOOK_FORWARD;

  if (hook == NFL_HOOK_PREROUTING || hook == NFL_HOOK_OUTPUT)
    {
      if (run_table (sim, skb, NFL_TABLE_RAW, hook, in, out) == VERDICT_DROP)
        return VERDICT_DROP;
      conntrack_in (sim, skb);
    }
  if (run_table (sim, skb, NFL_TABLE_MANGLE, hook, in, out) == VERDICT_DROP)
    return VERDICT_DROP;

  /* nat-dst (-100) comes before filter, nat-src (+100) after it */
  if (nat_here && !manip_is_src (hook) && skb->ct != NULL && skb->ct_state != NFL_CT_UNTRACKED)
    {
      if (nat_drops_redirect (sim, skb, hook))
        return VERDICT_DROP;
      if (nat_chain_applies (skb) && !(skb->ct->status & CT_DST_NAT_DONE))
        {
          if (run_table (sim, skb, NFL_TABLE_NAT, hook, in, out) == VERDICT_DROP)
            return VERDICT_DROP;
          nat_setup (sim, skb, hook);
        }
      nat_packet (sim, skb, hook);
    }

  if (hook != NFL_HOOK_PREROUTING && hook != NFL_HOOK_POSTROUTING &&
      run_table (sim, skb, NFL_TABLE_FILTER, hook, in, out) == VERDICT_DROP)
    return VERDICT_DROP;

  if (nat_here && manip_is_src (hook) && skb->ct != NULL && skb->ct_state != NFL_CT_UNTRACKED)
    {
      if (nat_drops_redirect (sim, skb, hook))
        return VERDICT_DROP;
      if (nat_chain_applies (skb) && !(skb->ct->status & CT_SRC_NAT_DONE))
        {
          if (run_table (sim, skb, NFL_TABLE_NAT, hook, in, out) == VERDICT_DROP)
            return VERDICT_DROP;
          nat_setup (sim, skb, hook);
        }
      nat_packet (sim, skb, hook);
    }

  if (hook == NFL_HOOK_POSTROUTING || hook == NFL_HOOK_INPUT)
    conntrack_confirm (sim, skb);
  return VERDICT_ACCEPT;
}

/* ---------------------------------------------------------------------- */
/* transmit and receive                                                    */
/* ---------------------------------------------------------------------- */

/* Who answers ARP for @addr on the wire out of the veth @dev: its peer's
 * namespace, or, when the peer is a port of a bridge that is up, the
 * bridge's namespace (any of its addresses, as arp_ignore=0 answers) or
 * the far end of another port of that bridge (ARP requests are flooded).
 * NULL: nobody. */
static NflInterface *
arp_owner (NflInterface *dev,
           guint32       addr)
{
  NflInterface *peer = dev->peer;
  NflInterface *bridge = peer->master;
  g_autoptr(GPtrArray) ports = NULL;

  if ((addr >> 24) == 127)
    return NULL;
  if (bridge == NULL)
    return is_local_address (peer->ns, addr) ? peer : NULL;
  if (!bridge->up)
    return NULL;
  if (is_local_address (bridge->ns, addr))
    return bridge;
  ports = nfl_bridge_dup_ports (bridge);
  for (guint i = 0; i < ports->len; i++)
    {
      NflInterface *port = g_ptr_array_index (ports, i);
      NflInterface *far = port->peer;

      if (port != peer && port->up && far != NULL && far->ns != NULL && far->up && far->master == NULL &&
          is_local_address (far->ns, addr))
        return far;
    }
  return NULL;
}

/* fib_validate_source () as the reverse-path filter applies it to @addr
 * arriving on @iface: whether it passes. */
static gboolean
rp_filter_passes (NflInterface *iface,
                  guint32       addr)
{
  guint mode = nfl_interface_rp_filter (iface);
  RouteResult back;

  if (mode == 0)
    return TRUE;
  back = route_lookup (iface->ns, addr, FALSE);
  return back.type == ROUTE_UNICAST && (mode == 2 || back.dev == iface);
}

static gboolean
arp_known (Sim          *sim,
           NflInterface *iface,
           guint32       addr)
{
  g_autofree char *key = g_strdup_printf ("%p/%08x", (void *) iface, addr);
  return g_hash_table_contains (sim->arp_known, key);
}

static void
arp_learn (Sim          *sim,
           NflInterface *iface,
           guint32       addr)
{
  g_hash_table_add (sim->arp_known, g_strdup_printf ("%p/%08x", (void *) iface, addr));
}

/* The port of @bridge whose wire leads to @owner (NULL: none). */
static NflInterface *
port_towards (NflInterface *bridge,
              NflInterface *owner)
{
  g_autoptr(GPtrArray) ports = nfl_bridge_dup_ports (bridge);

  for (guint i = 0; i < ports->len; i++)
    {
      NflInterface *port = g_ptr_array_index (ports, i);
      if (port->peer == owner)
        return port;
    }
  return NULL;
}

static gboolean
too_many_hops (Sim *sim,
               Skb *skb)
{
  if (++sim->n_deliveries <= MAX_DELIVERIES)
    return FALSE;
  note (sim, NFL_EVENT_DROPPED, skb, "stopped: too many hops (a routing loop?)");
  return TRUE;
}

/* Puts @skb on the wire from @dev (a veth end) to its peer, framed for
 * @owner. */
static void
put_on_wire (Sim          *sim,
             Skb          *skb,
             NflInterface *dev,
             NflInterface *owner,
             const guint8 *src_mac,
             const char   *via)     /* a bridge's port it leaves by, or NULL */
{
  NflInterface *peer = dev->peer;
  Delivery *d;

  if (too_many_hops (sim, skb))
    return;
  d = g_new0 (Delivery, 1);
  d->skb = *skb;
  d->to = peer;
  memcpy (d->skb.mac, owner->mac, 6);
  memcpy (d->skb.mac + 6, src_mac, 6);
  d->skb.mac[12] = 0x08;
  d->skb.mac[13] = 0x00;
  d->skb.l2_to = owner;
  /* crossing into another namespace scrubs the packet */
  d->skb.pkt.mark = 0;
  d->skb.sock = SOCK_NONE;
  d->skb.ct = NULL;
  d->skb.ct_state = NFL_CT_INVALID;
  d->skb.ct_seen = FALSE;
  d->skb.untracked = FALSE;
  d->skb.physin = NULL;
  d->skb.physout = NULL;
  if (via != NULL)
    note (sim, NFL_EVENT_LINK, skb, "%s/%s → %s/%s → %s/%s", skb->ns->ns->name, via,
          skb->ns->ns->name, dev->name, peer->ns->name, peer->name);
  else if (peer->master != NULL && owner == peer->master)
    note (sim, NFL_EVENT_LINK, skb, "%s/%s → %s/%s, a port of %s, which takes the frame: it is addressed to %s",
          skb->ns->ns->name, dev->name, peer->ns->name, peer->name, peer->master->name, peer->master->name);
  else if (peer->master != NULL)
    note (sim, NFL_EVENT_LINK, skb, "%s/%s → %s/%s, a port of %s", skb->ns->ns->name, dev->name,
          peer->ns->name, peer->name, peer->master->name);
  else
    note (sim, NFL_EVENT_LINK, skb, "%s/%s → %s/%s", skb->ns->ns->name, dev->name,
          peer->ns->name, peer->name);
  g_queue_push_tail (&sim->queue, d);
}

static gboolean
wire_is_up (Sim          *sim,
            Skb          *skb,
            NflInterface *dev)
{
  NflInterface *peer = dev->peer;

  if (peer == NULL || peer->ns == NULL || !peer->up || !dev->up)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "%s has no carrier: its veth peer is down or missing", dev->name);
      return FALSE;
    }
  return TRUE;
}

/* A packet routed out of a bridge: the bridge sends it out of the port
 * behind which the next hop answers ARP; br_netfilter does not see it
 * again (FACTS B1). */
static void
transmit_bridge (Sim *sim,
                 Skb *skb)
{
  NflInterface *bridge = skb->out;
  g_autoptr(GPtrArray) ports = NULL;

  if (!bridge->up)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "%s is down", bridge->name);
      return;
    }
  ports = nfl_bridge_dup_ports (bridge);
  for (guint i = 0; i < ports->len; i++)
    {
      NflInterface *port = g_ptr_array_index (ports, i);
      NflInterface *far = port->peer;

      if (port->up && far != NULL && far->ns != NULL && far->up && far->master == NULL &&
          (skb->nexthop >> 24) != 127 && is_local_address (far->ns, skb->nexthop))
        {
          put_on_wire (sim, skb, port, far, bridge->mac, bridge->name);
          return;
        }
    }
  note (sim, NFL_EVENT_DROPPED, skb,
        "nobody answers ARP for %s behind the ports of %s: the packet is never sent",
        ip_text (skb->nexthop).s, bridge->name);
}

static void
transmit (Sim *sim,
          Skb *skb)
{
  NflInterface *dev = skb->out;
  NflInterface *owner;
  Delivery *d;

  if (dev->is_bridge)
    {
      transmit_bridge (sim, skb);
      return;
    }
  if (!dev->is_loopback)
    {
      if (!wire_is_up (sim, skb, dev))
        return;
      /* ARP: the next hop must answer on the wire */
      if ((owner = arp_owner (dev, skb->nexthop)) == NULL)
        {
          note (sim, NFL_EVENT_DROPPED, skb,
                "nobody answers ARP for %s on %s: the packet is never sent",
                ip_text (skb->nexthop).s, dev->name);
          return;
        }
      if (!arp_known (sim, dev, skb->nexthop))
        {
          /* arp_solicit () asks with the packet's source when it is an
           * address of this namespace, else with the interface's; the
           * answering side checks that sender as a packet's source
           * (arp_process () routes it, rp_filter included) */
          NflInterface *receiver = owner;   /* the bridge, when it answers for its namespace */
          guint32 sender = is_local_address (skb->ns->ns, skb->pkt.ip.src) || dev->addresses->len == 0
                           ? skb->pkt.ip.src : g_array_index (dev->addresses, NflAddress, 0).addr;

          if (!rp_filter_passes (receiver, sender))
            {
              note (sim, NFL_EVENT_DROPPED, skb,
                    "nobody answers ARP for %s on %s: rp_filter %u on %s in %s takes the request's sender %s as "
                    "spoofed, so the packet is never sent", ip_text (skb->nexthop).s, dev->name,
                    nfl_interface_rp_filter (receiver), receiver->name, receiver->ns->name, ip_text (sender).s);
              return;
            }
          arp_learn (sim, dev, skb->nexthop);
          arp_learn (sim, receiver, sender);
        }
      put_on_wire (sim, skb, dev, owner, dev->mac, NULL);
      return;
    }

  if (!dev->up)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "lo is down");
      return;
    }
  if (too_many_hops (sim, skb))
    return;
  d = g_new0 (Delivery, 1);
  d->skb = *skb;
  d->to = dev;
  /* the loopback keeps the mark, the conntrack entry and the route */
  memset (d->skb.mac, 0, sizeof d->skb.mac);
  d->skb.mac[12] = 0x08;
  note (sim, NFL_EVENT_LINK, skb, "%s/%s → %s/%s", skb->ns->ns->name, dev->name,
        dev->ns->name, dev->name);
  g_queue_push_tail (&sim->queue, d);
}

/* ip_output(): POSTROUTING and the wire */
static gboolean
finish_output (Sim *sim,
               Skb *skb)
{
  if (run_hook (sim, skb, NFL_HOOK_POSTROUTING, NULL, skb->out) == VERDICT_DROP)
    {
      drop_unconfirmed (skb);
      return FALSE;
    }
  transmit (sim, skb);
  return TRUE;
}

static void
client_send_error (Sim        *sim,
                   Skb        *skb,
                   const char *error)
{
  g_autofree char *outcome = g_strdup_printf ("send error: %s", error);

  if (skb->origin == ORIGIN_PROBE && sim->probe->kind != NFL_PROBE_TCP)
    set_outcome (sim, skb, outcome);
}

/* ip_local_out(): a packet made in @ns (by a socket or the stack) */
static void
output_packet (Sim        *sim,
               NsState    *ns,
               Skb        *skb,
               char       *why)     /* (transfer full) (nullable) */
{
  RouteResult rt = route_lookup (ns->ns, skb->pkt.ip.dst, TRUE);
  g_autofree char *route_text = describe_route (&rt);
  guint32 old_dst;
  guint32 old_mark;
  guint8 old_tos;

  skb->ns = ns;
  skb->in = NULL;
  if (why != NULL)
    emit (sim, NFL_EVENT_PACKET_CREATED, skb, -1, -1, -1, -1, NFL_RULE_MATCHED, why);
  note (sim, NFL_EVENT_ROUTE, skb, "%s", route_text);

  if (rt.type != ROUTE_UNICAST && rt.type != ROUTE_LOCAL)
    {
      const char *error = rt.type == ROUTE_UNREACHABLE ? "No route to host" :
                          rt.type == ROUTE_PROHIBIT ? "Permission denied" :
                          rt.type == ROUTE_BLACKHOLE ? "Invalid argument" : "Network is unreachable";

      note (sim, NFL_EVENT_DROPPED, skb, "%s: %s", ns->ns->name, error);
      if (skb->origin == ORIGIN_PROBE)
        {
          g_autofree char *outcome = g_strdup_printf ("send error: %s", error);
          set_outcome (sim, skb, outcome);
        }
      drop_unconfirmed (skb);
      return;
    }
  /* a broadcast route (the subnet broadcast of an interface that is up,
   * 255.255.255.255): raw_sendmsg () and udp_sendmsg () refuse it to a
   * socket without SO_BROADCAST, which the probe does not set, and
   * tcp_v4_connect () any broadcast */
  if (skb->origin == ORIGIN_PROBE && skb->pkt.ip.dst != 0 &&
      nfl_namespace_address_type (ns->ns, skb->pkt.ip.dst, NULL) == NFL_ADDRTYPE_BROADCAST)
    {
      const char *error = skb->pkt.ip.proto == NFL_PROTO_TCP ? "Network is unreachable" : "Permission denied";
      g_autofree char *outcome = g_strdup_printf ("send error: %s", error);

      note (sim, NFL_EVENT_DROPPED, skb, "%s is a broadcast address of %s, and the probe's socket does not set "
            "SO_BROADCAST: %s", ip_text (skb->pkt.ip.dst).s, ns->ns->name, error);
      set_outcome (sim, skb, outcome);
      return;
    }
  if (skb->pkt.ip.src == 0)
    skb->pkt.ip.src = rt.prefsrc;
  skb->out = rt.dev;
  skb->nexthop = rt.gateway;
  skb->local_dst = rt.type == ROUTE_LOCAL;

  old_dst = skb->pkt.ip.dst;
  old_mark = skb->pkt.mark;
  old_tos = skb->pkt.ip.tos;
  if (run_hook (sim, skb, NFL_HOOK_OUTPUT, NULL, skb->out) == VERDICT_DROP)
    {
      if (!skb->queue_dropped)
        client_send_error (sim, skb, "Operation not permitted");
      drop_unconfirmed (skb);
      return;
    }
  /* ip_route_me_harder(): a new destination, mark or TOS routes again;
   * the OUTPUT hook has already run with the old device (G8) */
  if (skb->pkt.ip.dst != old_dst || skb->pkt.mark != old_mark || skb->pkt.ip.tos != old_tos)
    {
      RouteResult again = route_lookup (ns->ns, skb->pkt.ip.dst, TRUE);
      if (again.type != ROUTE_UNICAST && again.type != ROUTE_LOCAL)
        {
          note (sim, NFL_EVENT_DROPPED, skb, "no route after the translation");
          client_send_error (sim, skb, "Network is unreachable");
          drop_unconfirmed (skb);
          return;
        }
      if (again.dev != skb->out || again.gateway != skb->nexthop)
        {
          g_autofree char *text = describe_route (&again);
          note (sim, NFL_EVENT_ROUTE, skb, "routed again: %s", text);
        }
      skb->out = again.dev;
      skb->nexthop = again.gateway;
      skb->local_dst = again.type == ROUTE_LOCAL;
    }
  if (!finish_output (sim, skb))
    client_send_error (sim, skb, "Operation not permitted");
}

static gboolean
client_socket_matches (Sim               *sim,
                       NsState           *ns,
                       const NflIpHeader *ip,
                       gboolean           quoted)
{
  guint8 proto = sim->probe->kind == NFL_PROBE_TCP ? NFL_PROTO_TCP : NFL_PROTO_UDP;

  if (ns != sim->client || ip->proto != proto)
    return FALSE;
  if (quoted)   /* the packet the client sent */
    return ip->src == sim->client_addr && ip->sport == CLIENT_PORT &&
           ip->dst == sim->probe->dst && ip->dport == sim->probe->port;
  return ip->dst == sim->client_addr && ip->dport == CLIENT_PORT &&
         ip->src == sim->probe->dst && ip->sport == sim->probe->port;
}

static const NflService *
find_service (NflNamespace *ns,
              guint8        proto,
              guint32       addr,
              guint16       port)
{
  for (guint i = 0; i < ns->services->len; i++)
    {
      const NflService *s = &g_array_index (ns->services, NflService, i);
      if (s->proto == proto && s->port == port && (!s->has_addr || s->addr == addr))
        return s;
    }
  return NULL;
}

static void
reply_tcp (Sim       *sim,
           const Skb *req,
           gboolean   synack)
{
  Skb out;
  const NflIpHeader *rip = &req->pkt.ip;
  RouteResult back = route_lookup (req->ns->ns, rip->src, TRUE);
  guint mtu = back.dev ? back.dev->mtu : 1500;

  new_skb (sim, &out, req->ns, ORIGIN_STACK);
  out.pkt.ip.proto = NFL_PROTO_TCP;
  out.pkt.ip.src = rip->dst;
  out.pkt.ip.dst = rip->src;
  out.pkt.ip.sport = rip->dport;
  out.pkt.ip.dport = rip->sport;
  out.pkt.ip.ttl = 64;
  out.pkt.ip.df = TRUE;
  out.pkt.ip.id = 0;
  if (synack)
    {
      /* the listener sizes its window from its own route back
       * (tcp_openreq_init_rwin), less the timestamp option */
      guint mss = advmss (mtu);
      /* the request socket stands for the listener */
      out.sock = SOCK_USER;
      out.pkt.ip.tcp_flags = NFL_TCP_SYN | NFL_TCP_ACK;
      out.pkt.ip.len = 60;
      out.pkt.ip.window = initial_window (mss - 12);
      out.pkt.ip.seq = SYNACK_SEQ;
      out.pkt.ip.ack_seq = rip->seq + 1;
      syn_options (&out.pkt.ip, advmss (mtu), TRUE);
      output_packet (sim, req->ns, &out, g_strdup_printf ("%s answers with SYN-ACK: port %u is listening",
                                                           req->ns->ns->name, rip->dport));
    }
  else
    {
      out.pkt.ip.tos = rip->tos;
      out.pkt.ip.len = 40;
      out.pkt.ip.window = 0;
      if (rip->tcp_flags & NFL_TCP_ACK)
        {
          out.pkt.ip.tcp_flags = NFL_TCP_RST;
          out.pkt.ip.seq = rip->ack_seq;
        }
      else
        {
          out.pkt.ip.tcp_flags = NFL_TCP_RST | NFL_TCP_ACK;
          out.pkt.ip.ack_seq = rip->seq + ((rip->tcp_flags & NFL_TCP_SYN) ? 1 : 0);
        }
      output_packet (sim, req->ns, &out, g_strdup_printf ("%s answers with RST: nothing listens on port %u",
                                                           req->ns->ns->name, rip->dport));
    }
}

/* tcp_rcv_synsent_state_process(): the client answers the SYN-ACK with
 * the ACK that completes the handshake */
static void
send_handshake_ack (Sim       *sim,
                    const Skb *synack)
{
  static const guint8 timestamps[] = { 0x01, 0x01, 0x08, 0x0a, 0x5e, 0x1a, 0x2b, 0x3d, 0x5e, 0x1a, 0x2b, 0x77 };
  const NflIpHeader *sip = &synack->pkt.ip;
  Skb out;

  new_skb (sim, &out, synack->ns, ORIGIN_PROBE);
  out.pkt.ip.proto = NFL_PROTO_TCP;
  out.pkt.ip.src = sip->dst;
  out.pkt.ip.dst = sip->src;
  out.pkt.ip.sport = sip->dport;
  out.pkt.ip.dport = sip->sport;
  out.pkt.ip.ttl = 64;
  out.pkt.ip.df = TRUE;
  out.pkt.ip.id = next_ip_id (sim);
  out.pkt.ip.tcp_flags = NFL_TCP_ACK;
  out.pkt.ip.seq = sip->ack_seq;
  out.pkt.ip.ack_seq = sip->seq + 1;
  /* the receive window the SYN offered, from now on scaled
   * (__tcp_select_window() rounds it up to a whole unit): 63 on a veth
   * with MTU 1500, 64 on lo (F15) */
  out.pkt.ip.window = (sim->client_window + (1u << WINDOW_SCALE) - 1) >> WINDOW_SCALE;
  out.pkt.ip.len = 52;
  memcpy (out.pkt.ip.tcp_options, timestamps, sizeof timestamps);
  out.pkt.ip.tcp_options_len = sizeof timestamps;
  output_packet (sim, synack->ns, &out, g_strdup_printf ("%s completes the handshake with an ACK to %s",
                                                          synack->ns->ns->name, ip_text (sip->src).s));
}

/* ip_fib_check_default (): whether @gw is the gateway of a default route
 * of @ns by @dev */
static gboolean
is_default_gateway (NflNamespace       *ns,
                    const NflInterface *dev,
                    guint32             gw)
{
  for (guint r = 0; r < ns->routes->len; r++)
    {
      const NflRoute *route = g_ptr_array_index (ns->routes, r);
      if (route->prefix_len == 0 && route->has_via && route->via == gw &&
          route->dev != NULL && g_str_equal (route->dev, dev->name))
        return TRUE;
    }
  return FALSE;
}

/* The packet reached a socket or the stack of its namespace. */
/* icmp_redirect (): the socket of the quoted packet hands the redirect to
 * __ip_do_redirect () (tcp_v4_err (), udp_err (), raw_err ()), which
 * reports nothing to it; it may change the route to the quoted
 * destination, and only when the host already has a valid neighbour
 * entry for the new gateway, else it just sends an ARP request for it. */
static void
receive_redirect (Sim *sim,
                  Skb *skb)
{
  NsState *ns = skb->ns;
  const NflIpHeader *ip = &skb->pkt.ip, *inner = &skb->pkt.inner;
  NflInterface *dev = skb->in;
  guint32 gw = ip->icmp_gateway;
  const char *name = ns->ns->name;
  RouteResult rt;
  gboolean forwarding = ns->ns->ip_forward;
  gboolean socket = FALSE;

  if (ns == sim->client)
    socket = sim->probe->kind == NFL_PROBE_PING ? inner->proto == NFL_PROTO_ICMP :
             client_socket_matches (sim, ns, inner, TRUE);
  if (!socket || dev == NULL)
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s: no connected socket sent the redirected packet (a listener's "
            "half-open connection ignores it), so the redirect changes nothing", name);
      return;
    }
  rt = route_lookup (ns->ns, inner->dst, TRUE);
  if (rt.type != ROUTE_UNICAST || rt.gateway == inner->dst || rt.gateway != ip->src)
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: its route to %s does not go through %s, "
            "which sent it", name, ip_text (inner->dst).s, ip_text (ip->src).s);
      return;
    }
  /* IN_DEV_RX_REDIRECTS (): a router takes redirects only when all and
   * the interface accept them, a host when either does */
  if (!conf_on (dev, "accept_redirects", forwarding))
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: accept_redirects is 0 (%s)", name,
            forwarding ? "for all or for the interface, and it forwards" : "for all and for the interface");
      return;
    }
  if (gw == ip->src || gw == 0 || (gw >> 28) == 0xe || gw == 0xffffffff)
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: %s cannot be a new gateway", name,
            ip_text (gw).s);
      return;
    }
  if (!conf_on (dev, "shared_media", FALSE))
    {
      if (!addr_onlink (dev, gw, ip->src))
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: shared_media is 0 and %s is not in a "
                "subnet of %s with %s", name, ip_text (gw).s, dev->name, ip_text (ip->src).s);
          return;
        }
      if (conf_on (dev, "secure_redirects", FALSE) && !is_default_gateway (ns->ns, dev, gw))
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: secure_redirects takes only a gateway "
                "of its default routes, and %s is none", name, ip_text (gw).s);
          return;
        }
    }
  else if (nfl_namespace_address_type (ns->ns, gw, NULL) != NFL_ADDRTYPE_UNICAST)
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores the redirect: %s is not a unicast address for it", name,
            ip_text (gw).s);
      return;
    }
  if (!arp_known (sim, dev, gw))
    {
      note (sim, NFL_EVENT_DELIVERED, skb, "%s takes the redirect, but has no valid neighbour entry for %s yet: "
            "it only sends an ARP request for it, and its packets to %s still go through %s", name,
            ip_text (gw).s, ip_text (inner->dst).s, ip_text (ip->src).s);
      return;
    }
  note (sim, NFL_EVENT_DELIVERED, skb, "%s takes the redirect and would send its next packets to %s through %s; "
        "this trace keeps its route through %s", name, ip_text (inner->dst).s, ip_text (gw).s,
        ip_text (ip->src).s);
}

static void
local_deliver (Sim *sim,
               Skb *skb)
{
  NsState *ns = skb->ns;
  NflIpHeader *ip = &skb->pkt.ip;

  /* to a broadcast address: icmp_echo () ignores an echo request
   * (net.ipv4.icmp_echo_ignore_broadcasts is 1), tcp_v4_rcv () drops any
   * segment without a reset, and UDP sends no port-unreachable */
  if (skb->broadcast)
    {
      if (ip->proto == NFL_PROTO_ICMP && ip->icmp_type == 8)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s ignores an echo request to its broadcast address %s "
                "(net.ipv4.icmp_echo_ignore_broadcasts is 1)", ns->ns->name, ip_text (ip->dst).s);
          return;
        }
      if (ip->proto == NFL_PROTO_TCP)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s: TCP takes no segment to a broadcast address: dropped "
                "without a reset", ns->ns->name);
          return;
        }
      if (ip->proto == NFL_PROTO_UDP && !client_socket_matches (sim, ns, ip, FALSE) &&
          find_service (ns->ns, NFL_PROTO_UDP, ip->dst, ip->dport) == NULL)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s: nothing listens on UDP port %u, and no error is sent "
                "for a broadcast", ns->ns->name, ip->dport);
          return;
        }
    }

  switch (ip->proto)
    {
    case NFL_PROTO_ICMP:
      if (ip->icmp_type == 8)
        {
          Skb reply;

          note (sim, NFL_EVENT_DELIVERED, skb, "%s: echo request answered by the kernel", ns->ns->name);
          new_skb (sim, &reply, ns, ORIGIN_STACK);
          reply.pkt.ip = *ip;
          reply.pkt.ip.src = ip->dst;
          reply.pkt.ip.dst = ip->src;
          reply.pkt.ip.icmp_type = 0;
          reply.pkt.ip.ttl = 64;
          reply.pkt.ip.df = FALSE;
          reply.pkt.ip.id = next_ip_id (sim);
          output_packet (sim, ns, &reply, g_strdup_printf ("%s sends an echo reply to %s", ns->ns->name,
                                                             ip_text (ip->src).s));
          return;
        }
      if (ip->icmp_type == 0)
        {
          if (ns == sim->client && sim->probe->kind == NFL_PROBE_PING &&
              ip->icmp_id == CLIENT_ECHO_ID && ip->icmp_seq == 1)
            {
              note (sim, NFL_EVENT_DELIVERED, skb, "the ping in %s receives its echo reply", ns->ns->name);
              set_outcome (sim, skb, "reply received");
            }
          else
            note (sim, NFL_EVENT_DELIVERED, skb, "%s: no one waits for this echo reply", ns->ns->name);
          return;
        }
      if (ip->icmp_type == 5 && skb->pkt.has_inner)
        {
          receive_redirect (sim, skb);
          return;
        }
      if (nfl_packet_is_icmp_error (ip) && skb->pkt.has_inner)
        {
          const NflIpHeader *inner = &skb->pkt.inner;
          gboolean for_client = FALSE;

          if (ns == sim->client)
            {
              if (sim->probe->kind == NFL_PROBE_PING)
                for_client = inner->proto == NFL_PROTO_ICMP;
              else
                for_client = client_socket_matches (sim, ns, inner, TRUE);
            }
          if (for_client && ip->icmp_type != 4)
            {
              const char *name = NULL;
              g_autofree char *outcome = NULL;
              static const char *unreach[] = {
                "net-unreachable", "host-unreachable", "proto-unreachable", "port-unreachable",
                "frag-needed", "source-route-failed", "net-unknown", "host-unknown", NULL,
                "net-prohibited", "host-prohibited", "net-unreachable-for-tos",
                "host-unreachable-for-tos", "admin-prohibited", "host-precedence-violation",
                "precedence-cutoff",
              };
              g_autofree char *fallback = NULL;

              if (ip->icmp_type == 3 && ip->icmp_code < G_N_ELEMENTS (unreach))
                name = unreach[ip->icmp_code];
              else if (ip->icmp_type == 11)
                name = ip->icmp_code == 0 ? "ttl-exceeded" : "frag-reassembly-time-exceeded";
              else if (ip->icmp_type == 12)
                name = "parameter-problem";
              if (name == NULL)
                name = fallback = g_strdup_printf ("type-%u-code-%u", ip->icmp_type, ip->icmp_code);
              outcome = g_strdup_printf ("icmp %s from %s", name, ip_text (ip->src).s);
              note (sim, NFL_EVENT_DELIVERED, skb, "the probe's socket in %s receives the error", ns->ns->name);
              set_outcome (sim, skb, outcome);
            }
          else
            note (sim, NFL_EVENT_DELIVERED, skb, "%s: the error is absorbed by the kernel", ns->ns->name);
          return;
        }
      note (sim, NFL_EVENT_DELIVERED, skb, "%s: ICMP type %u is absorbed", ns->ns->name, ip->icmp_type);
      return;

    case NFL_PROTO_TCP:
      if (client_socket_matches (sim, ns, ip, FALSE))
        {
          if ((ip->tcp_flags & (NFL_TCP_SYN | NFL_TCP_ACK)) == (NFL_TCP_SYN | NFL_TCP_ACK))
            {
              note (sim, NFL_EVENT_DELIVERED, skb, "the connecting socket in %s receives the SYN-ACK", ns->ns->name);
              set_outcome (sim, skb, "connected");
              send_handshake_ack (sim, skb);
              return;
            }
          if (ip->tcp_flags & NFL_TCP_RST)
            {
              note (sim, NFL_EVENT_DELIVERED, skb, "the connecting socket in %s receives a reset", ns->ns->name);
              set_outcome (sim, skb, "connection refused");
              return;
            }
        }
      if (ip->tcp_flags & NFL_TCP_RST)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s: a reset for no connection is ignored", ns->ns->name);
          return;
        }
      if (ip->tcp_flags == NFL_TCP_ACK && ip->ack_seq == SYNACK_SEQ + 1 &&
          find_service (ns->ns, NFL_PROTO_TCP, ip->dst, ip->dport) != NULL)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s: the listener on port %u takes the ACK: the connection is established",
                ns->ns->name, ip->dport);
          return;
        }
      if ((ip->tcp_flags & (NFL_TCP_SYN | NFL_TCP_ACK)) == NFL_TCP_SYN &&
          find_service (ns->ns, NFL_PROTO_TCP, ip->dst, ip->dport) != NULL)
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "%s: a listener on port %u takes the SYN", ns->ns->name, ip->dport);
          reply_tcp (sim, skb, TRUE);
          return;
        }
      note (sim, NFL_EVENT_DELIVERED, skb, "%s: no socket for this segment", ns->ns->name);
      reply_tcp (sim, skb, FALSE);
      return;

    case NFL_PROTO_UDP:
      if (client_socket_matches (sim, ns, ip, FALSE))
        {
          note (sim, NFL_EVENT_DELIVERED, skb, "the probe's socket in %s receives the datagram", ns->ns->name);
          set_outcome (sim, skb, "reply received");
          return;
        }
      {
        const NflService *service = find_service (ns->ns, NFL_PROTO_UDP, ip->dst, ip->dport);

        if (service != NULL)
          {
            Skb echo;

            note (sim, NFL_EVENT_DELIVERED, skb, "%s: the UDP service on port %u echoes it", ns->ns->name, ip->dport);
            new_skb (sim, &echo, ns, ORIGIN_STACK);
            echo.sock = SOCK_USER;
            echo.pkt.ip = *ip;
            /* an unconnected socket: the source comes from routing unless
             * the service is bound to an address */
            echo.pkt.ip.src = service->has_addr ? service->addr : 0;
            echo.pkt.ip.dst = ip->src;
            echo.pkt.ip.sport = ip->dport;
            echo.pkt.ip.dport = ip->sport;
            echo.pkt.ip.ttl = 64;
            echo.pkt.ip.tos = 0;
            echo.pkt.ip.df = TRUE;
            echo.pkt.ip.id = next_ip_id (sim);
            output_packet (sim, ns, &echo, g_strdup_printf ("%s echoes the datagram to %s", ns->ns->name,
                                                              ip_text (ip->src).s));
            return;
          }
      }
      note (sim, NFL_EVENT_DELIVERED, skb, "%s: nothing listens on UDP port %u", ns->ns->name, ip->dport);
      send_icmp_error (sim, skb, 3, 3);
      return;

    default:
      note (sim, NFL_EVENT_DELIVERED, skb, "%s: protocol %u has no handler", ns->ns->name, ip->proto);
      send_icmp_error (sim, skb, 3, 2);
      return;
    }
}

static void
deliver_locally (Sim *sim,
                 Skb *skb)
{
  skb->local_dst = TRUE;
  if (run_hook (sim, skb, NFL_HOOK_INPUT, skb->in, NULL) == VERDICT_DROP)
    {
      drop_unconfirmed (skb);
      return;
    }
  local_deliver (sim, skb);
}

static void
forward (Sim *sim,
         Skb *skb)
{
  NsState *ns = skb->ns;
  RouteResult rt;

  if (!ns->ns->ip_forward)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "%s does not forward, net.ipv4.ip_forward is 0",
            ns->ns->name);
      drop_unconfirmed (skb);
      return;
    }
  rt = route_lookup (ns->ns, skb->pkt.ip.dst, FALSE);
  {
    g_autofree char *text = describe_route (&rt);
    note (sim, NFL_EVENT_ROUTE, skb, "forward: %s", text);
  }
  if (rt.type != ROUTE_UNICAST)
    {
      skb->local_dst = FALSE;
      if (rt.type == ROUTE_BLACKHOLE)
        note (sim, NFL_EVENT_DROPPED, skb, "blackhole route: dropped silently");
      else
        send_icmp_error (sim, skb, 3, rt.type == ROUTE_UNREACHABLE ? 1 : rt.type == ROUTE_PROHIBIT ? 13 : 0);
      drop_unconfirmed (skb);
      return;
    }
  /* fib_validate_source(): a source that is one of our own addresses is
   * a martian */
  if (is_local_address (ns->ns, skb->pkt.ip.src))
    {
      note (sim, NFL_EVENT_DROPPED, skb, "martian source %s: it is an address of %s",
            ip_text (skb->pkt.ip.src).s, ns->ns->name);
      drop_unconfirmed (skb);
      return;
    }
  skb->out = rt.dev;
  skb->nexthop = rt.gateway;
  skb->local_dst = FALSE;
  if (skb->pkt.ip.ttl <= 1)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "TTL %u would reach 0: time exceeded", skb->pkt.ip.ttl);
      send_icmp_error (sim, skb, 11, 0);
      drop_unconfirmed (skb);
      return;
    }
  skb->pkt.ip.ttl--;
  note (sim, NFL_EVENT_CHANGED, skb, "TTL decremented to %u by forwarding", skb->pkt.ip.ttl);
  maybe_send_redirect (sim, skb);
  if (run_hook (sim, skb, NFL_HOOK_FORWARD, skb->in, skb->out) == VERDICT_DROP)
    {
      drop_unconfirmed (skb);
      return;
    }
  if (run_hook (sim, skb, NFL_HOOK_POSTROUTING, skb->in, skb->out) == VERDICT_DROP)
    {
      drop_unconfirmed (skb);
      return;
    }
  transmit (sim, skb);
}

static NsState *
state_of (Sim          *sim,
          NflNamespace *ns)
{
  for (guint i = 0; i < sim->states->len; i++)
    {
      NsState *state = g_ptr_array_index (sim->states, i);
      if (state->ns == ns)
        return state;
    }
  return g_ptr_array_index (sim->states, 0);
}

static void receive_ip (Sim *sim, Skb *skb, NflInterface *iface);

/* br_handle_frame(): a frame arriving on a port of a bridge.  Addressed
 * to the bridge, it goes up its namespace's stack as if it had come in on
 * the bridge; addressed to the far end of another port, it is bridged:
 * with net.bridge.bridge-nf-call-iptables=1, br_netfilter runs it through
 * PREROUTING, FORWARD and POSTROUTING with IN/OUT the bridge and PHYSIN/
 * PHYSOUT the ports, not routed, the TTL untouched (FACTS B1). */
static void
bridge_input (Sim          *sim,
              Skb          *skb,
              NflInterface *port)
{
  NflInterface *bridge = port->master;
  NflInterface *out_port;
  NsState *ns = state_of (sim, bridge->ns);
  gboolean call_iptables = bridge->ns->bridge_nf_call_iptables;
  guint32 old_dst;

  skb->ns = ns;
  skb->in = bridge;
  if (!bridge->up)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "%s is down: it drops what arrives on its port %s",
            bridge->name, port->name);
      return;
    }
  if (skb->l2_to == bridge)
    {
      if (call_iptables)
        skb->physin = port;
      receive_ip (sim, skb, bridge);
      return;
    }
  out_port = skb->l2_to != NULL ? port_towards (bridge, skb->l2_to) : NULL;
  if (out_port == NULL || out_port == port || !out_port->up)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "%s has no other port up that leads to the frame's destination",
            bridge->name);
      return;
    }
  if (call_iptables)
    {
      skb->physin = port;
      old_dst = skb->pkt.ip.dst;
      if (run_hook (sim, skb, NFL_HOOK_PREROUTING, bridge, NULL) == VERDICT_DROP)
        {
          drop_unconfirmed (skb);
          return;
        }
    }
  /* br_handle_frame_finish (): the bridge's own decision, after
   * PREROUTING */
  note (sim, NFL_EVENT_ROUTE, skb, "bridged: %s forwards the frame from %s to %s by its destination address%s",
        bridge->name, port->name, out_port->name,
        call_iptables ? "" : " (net.bridge.bridge-nf-call-iptables is 0: iptables does not see it)");
  if (call_iptables)
    {
      if (skb->pkt.ip.dst != old_dst)
        {
          /* br_nf_pre_routing_finish() routes a bridged packet whose
           * destination changed: not simulated yet */
          g_autofree char *outcome = g_strdup_printf ("stopped: %s changed the destination of a bridged "
                                                      "packet, which the simulator does not model",
                                                      bridge->ns->name);

          note (sim, NFL_EVENT_DROPPED, skb, "a DNAT of a bridged packet in %s routes it again "
                "(br_nf_pre_routing_finish), which is not simulated: the trace stops here", bridge->ns->name);
          set_outcome (sim, skb, outcome);
          sim->halted = TRUE;
          return;
        }
      skb->physout = out_port;
      if (run_hook (sim, skb, NFL_HOOK_FORWARD, bridge, bridge) == VERDICT_DROP ||
          run_hook (sim, skb, NFL_HOOK_POSTROUTING, NULL, bridge) == VERDICT_DROP)
        {
          drop_unconfirmed (skb);
          return;
        }
    }
  if (!wire_is_up (sim, skb, out_port))
    return;
  {
    guint8 src_mac[6];

    /* the frame goes on as it came: the sender's MAC address stays */
    memcpy (src_mac, skb->mac + 6, 6);
    put_on_wire (sim, skb, out_port, skb->l2_to, src_mac, NULL);
  }
}

/* a packet arriving on @iface */
static void
receive (Sim          *sim,
         Skb          *skb,
         NflInterface *iface)
{
  if (iface->master != NULL)
    bridge_input (sim, skb, iface);
  else
    receive_ip (sim, skb, iface);
}

/* ip_rcv(): a packet arriving on @iface */
static void
receive_ip (Sim          *sim,
            Skb          *skb,
            NflInterface *iface)
{
  NsState *ns = state_of (sim, iface->ns);
  gboolean looped = iface->is_loopback;

  skb->ns = ns;
  skb->in = iface;

  if (run_hook (sim, skb, NFL_HOOK_PREROUTING, iface, NULL) == VERDICT_DROP)
    {
      drop_unconfirmed (skb);
      return;
    }

  /* fib_validate_source (): the reverse-path filter, before any route */
  if (!looped && nfl_interface_rp_filter (iface) > 0)
    {
      RouteResult back = route_lookup (ns->ns, skb->pkt.ip.src, FALSE);
      guint mode = nfl_interface_rp_filter (iface);

      if (back.type != ROUTE_UNICAST || (mode == 1 && back.dev != iface))
        {
          if (back.type != ROUTE_UNICAST)
            note (sim, NFL_EVENT_DROPPED, skb, "rp_filter %u on %s: %s has no route back to %s, so the "
                  "source is taken as spoofed and the packet dropped", mode, iface->name, ns->ns->name,
                  ip_text (skb->pkt.ip.src).s);
          else
            note (sim, NFL_EVENT_DROPPED, skb, "rp_filter 1 (strict) on %s: the route back to %s goes out %s, "
                  "not %s, so the packet is dropped", iface->name, ip_text (skb->pkt.ip.src).s, back.dev->name,
                  iface->name);
          drop_unconfirmed (skb);
          return;
        }
    }

  /* the routing decision; a looped-back packet keeps its local route */
  if (looped || is_local_address (ns->ns, skb->pkt.ip.dst))
    {
      if (!looped && ((skb->pkt.ip.src >> 24) == 127 || (skb->pkt.ip.dst >> 24) == 127))
        {
          note (sim, NFL_EVENT_DROPPED, skb, "martian: 127.0.0.0/8 on %s", iface->name);
          drop_unconfirmed (skb);
          return;
        }
      if (!looped && is_local_address (ns->ns, skb->pkt.ip.src))
        {
          note (sim, NFL_EVENT_DROPPED, skb, "martian source %s: it is an address of %s",
                ip_text (skb->pkt.ip.src).s, ns->ns->name);
          drop_unconfirmed (skb);
          return;
        }
      note (sim, NFL_EVENT_ROUTE, skb, "input: %s is an address of %s",
            ip_text (skb->pkt.ip.dst).s, ns->ns->name);
      deliver_locally (sim, skb);
      return;
    }
  /* the local table's broadcast routes: the subnet broadcast of an
   * address on an interface that is up, and 255.255.255.255 */
  if ((skb->pkt.ip.dst >> 24) != 0 &&
      nfl_namespace_address_type (ns->ns, skb->pkt.ip.dst, NULL) == NFL_ADDRTYPE_BROADCAST)
    {
      note (sim, NFL_EVENT_ROUTE, skb, "input: %s is a broadcast address of %s",
            ip_text (skb->pkt.ip.dst).s, ns->ns->name);
      skb->broadcast = TRUE;
      deliver_locally (sim, skb);
      return;
    }
  if ((skb->pkt.ip.src >> 24) == 127 || (skb->pkt.ip.dst >> 24) == 127)
    {
      note (sim, NFL_EVENT_DROPPED, skb, "martian: 127.0.0.0/8 on %s", iface->name);
      drop_unconfirmed (skb);
      return;
    }
  forward (sim, skb);
}

static void
free_recent_list (gpointer data)
{
  RecentList *list = data;

  g_array_unref (list->entries);
  g_free (list);
}

static void
free_state (NsState *state)
{
  g_ptr_array_unref (state->conns);
  g_ptr_array_unref (state->recent);
  g_free (state);
}

NflTrace *
nfl_simulate (NflScenario    *scenario,
              const NflProbe *probe,
              GError        **error)
{
  Sim sim = { 0 };
  GPtrArray *namespaces;
  NflTrace *trace;
  Skb skb;
  NsState *client = NULL;
  RouteResult rt;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (probe != NULL, NULL);

  namespaces = nfl_scenario_get_namespaces (scenario);
  sim.scenario = scenario;
  sim.probe = probe;
  sim.trace = trace = nfl_trace_new ();
  trace->seed = probe->seed;
  sim.states = g_ptr_array_new_with_free_func ((GDestroyNotify) free_state);
  sim.next_id = 0x4d2;
  sim.hook = -1;
  g_queue_init (&sim.queue);
  sim.limit_used = g_hash_table_new (NULL, NULL);
  sim.nth_seen = g_hash_table_new (NULL, NULL);
  sim.arp_known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sim.redirected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < namespaces->len; i++)
    {
      NsState *state = g_new0 (NsState, 1);

      state->ns = g_ptr_array_index (namespaces, i);
      state->index = i;
      state->ct_enabled = nfl_ruleset_needs_conntrack (state->ns->ruleset);
      state->conns = g_ptr_array_new_with_free_func (g_free);
      state->recent = g_ptr_array_new_with_free_func (free_recent_list);
      g_ptr_array_add (sim.states, state);
      g_ptr_array_add (trace->ns_names, g_strdup (state->ns->name));
      if (g_strcmp0 (state->ns->name, probe->ns) == 0)
        client = state;
    }
  if (client == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   "the probe starts in namespace “%s”, which the scenario does not have", probe->ns);
      g_ptr_array_unref (sim.states);
      g_hash_table_unref (sim.limit_used);
      g_hash_table_unref (sim.nth_seen);
      g_hash_table_unref (sim.arp_known);
      g_hash_table_unref (sim.redirected);
      g_clear_pointer (&sim.rand, g_rand_free);
      nfl_trace_unref (trace);
      return NULL;
    }
  sim.client = client;
  _nfl_trace_set_outcome (trace, "no reply");

  new_skb (&sim, &skb, client, ORIGIN_PROBE);
  skb.pkt.ip.dst = probe->dst;
  skb.pkt.ip.ttl = 64;
  skb.pkt.ip.df = TRUE;
  skb.pkt.ip.id = next_ip_id (&sim);
  rt = route_lookup (client->ns, probe->dst, TRUE);
  switch (probe->kind)
    {
    case NFL_PROBE_PING:
      skb.pkt.ip.proto = NFL_PROTO_ICMP;
      skb.pkt.ip.icmp_type = 8;
      skb.pkt.ip.icmp_id = CLIENT_ECHO_ID;
      skb.pkt.ip.icmp_seq = 1;
      skb.pkt.ip.len = 84;
      break;
    case NFL_PROBE_TCP:
      {
        guint mtu = rt.dev ? rt.dev->mtu : 1500;
        skb.pkt.ip.proto = NFL_PROTO_TCP;
        skb.pkt.ip.sport = CLIENT_PORT;
        skb.pkt.ip.dport = probe->port;
        skb.pkt.ip.tcp_flags = NFL_TCP_SYN;
        skb.pkt.ip.len = 60;
        skb.pkt.ip.window = sim.client_window = initial_window (advmss (mtu));
        skb.pkt.ip.seq = SYN_SEQ;
        syn_options (&skb.pkt.ip, advmss (mtu), FALSE);
      }
      break;
    case NFL_PROBE_UDP:
    default:
      skb.pkt.ip.proto = NFL_PROTO_UDP;
      skb.pkt.ip.sport = CLIENT_PORT;
      skb.pkt.ip.dport = probe->port;
      skb.pkt.ip.len = 28;
      skb.pkt.ip.udp_len = 8;
      break;
    }
  sim.client_addr = (rt.type == ROUTE_UNICAST || rt.type == ROUTE_LOCAL) ? rt.prefsrc : 0;
  skb.pkt.ip.src = sim.client_addr;

  {
    g_autofree char *text = nfl_probe_to_string (probe);
    output_packet (&sim, client, &skb, g_strdup_printf ("probe: %s", text));
  }

  while (!g_queue_is_empty (&sim.queue))
    {
      Delivery *d = g_queue_pop_head (&sim.queue);
      if (!sim.halted)
        receive (&sim, &d->skb, d->to);
      g_free (d);
    }

  note (&sim, NFL_EVENT_OUTCOME, sim.outcome_final ? &sim.outcome_skb : NULL,
        "%s", nfl_trace_get_outcome (trace));
  flush_run (&sim);
  g_ptr_array_unref (sim.states);
  g_hash_table_unref (sim.limit_used);
  g_hash_table_unref (sim.nth_seen);
  g_hash_table_unref (sim.arp_known);
  g_hash_table_unref (sim.redirected);
  g_clear_pointer (&sim.rand, g_rand_free);
  return trace;
}
