/* nfl-rule-shadow.c: rules that can never match
 *
 * Rule B of a chain never matches when an earlier rule A of the same
 * chain matches every packet B matches, ends the walk of the chain for
 * it, and no rule between them can change what A looks at.  A finding is
 * a claim about the kernel, so every step only says "yes" when it is
 * proven: wherever the analysis approximates, it takes B for larger and A
 * for smaller than they are, and a rule it cannot reason about is never
 * taken as A.
 *
 * A rule is seen as a product of independent dimensions, each with the
 * constraints of the rule on it (two matches of one kind are both in it,
 * an AND): the source and the destination address (-s/-d with any mask,
 * -m iprange), the interfaces (-i/-o, "+" a prefix), the protocol (-p,
 * and what a tcp, udp, icmp or multiport match implies), the fragment
 * (-f), the source and the destination port (tcp/udp and multiport), the
 * TCP flag byte (as a set of its 256 values: exact), the ICMP type and
 * code, the mark (exact for values under a mask), and the conntrack
 * situation (the 14 combinations of state and NAT status the state and
 * conntrack matches can see: exact).  A covers B when on every dimension
 * each constraint of A holds for every packet B lets through there.
 *
 * What it leaves out (shadowed rules it does not report):
 *
 * - a rule covered only by several earlier rules together (-s
 *   10.0.0.0/9 and -s 10.128.0.0/9 before -s 10.1.0.0/16), and coverage
 *   that needs two dimensions at once: B's constraints are projected on
 *   each (B "--ports 80 --dport 1000" has source port 80, but counts as
 *   any source port), and an address set is reduced to its smallest
 *   range or to one value under a mask;
 * - a rule that matches no packet by itself (-f with a port, two
 *   contradicting -m mark) is not reported at all;
 * - user chains are not followed: a jump between A and B is taken to
 *   change the mark and the conntrack state (the chain may MARK, NOTRACK
 *   or CT and return), and -j CHAIN as A never shadows (the chain may
 *   return every packet);
 * - a MARK between A and B breaks every coverage by an A that matches on
 *   the mark, even when the MARK sets bits A does not look at or matches
 *   packets that never reach B; NOTRACK and CT (and a jump) the same for
 *   an A with a state or conntrack match;
 * - a tcp, udp, icmp or multiport match fails on later fragments and, in
 *   iptables-nft, on a truncated transport header, so A with such a match
 *   covers B only when B has one that reads the transport header too (a
 *   port, flag or type constraint, or multiport): "-p tcp -m tcp" does not
 *   cover "-p tcp", nor "--icmp-type any" "-p icmp ! -f";
 * - nothing is known about the hook: every interface name, conntrack
 *   situation and protocol is taken as possible in every chain;
 * - -m length and -m ttl: a rule with them is never taken as A;
 * - -m addrtype: a rule with it is never taken as A (the types of an
 *   address are the namespace's, not the rule's); -m limit and -m
 *   statistic neither (packets go by once the bucket is empty, or when
 *   the count skips them);
 * - a rule with more constraints of one kind than the analysis keeps
 *   (ADDR_TERMS_MAX and the others below) is not taken as A.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nfl-packet.h"
#include "nfl-rule-private.h"
#include "nfl-rule-shadow.h"

#define ADDR_TERMS_MAX  4
#define MARK_TERMS_MAX  4
#define ICMP_TERMS_MAX  4
#define EITHER_MAX      2
#define PORT_RANGES_MAX 20   /* a multiport list (15) and its complement, with room */

/* ---------------------------------------------------------------------- */
/* the view of a rule                                                      */
/* ---------------------------------------------------------------------- */

/* One address constraint: a range, or "addr & mask == value", or both. */
typedef struct {
  guint32 lo, hi;        /* the smallest range holding the set */
  guint32 mask, value;   /* the set, when cyl */
  guint8  exact;         /* the set is all of [lo, hi] */
  guint8  cyl;
  guint8  invert;
} AddrTerm;

typedef struct {
  guint32  lo, hi;       /* holds every address the rule lets through */
  guint8   n_terms;
  AddrTerm terms[ADDR_TERMS_MAX];
} AddrDim;

typedef struct {
  guint8       n;
  NflPortRange r[PORT_RANGES_MAX];   /* sorted, apart from each other */
} PortSet;

typedef struct {
  PortSet sport, dport;              /* every constraint on one port, intersected */
  guint8  n_either;
  PortSet either[EITHER_MAX];        /* multiport --ports: sport or dport in it */
} PortDim;

typedef struct {
  guint8 any, type, code_lo, code_hi, invert;
} IcmpTerm;

typedef struct {
  guint32 mask, value;
  guint8  invert;
} MarkTerm;

enum { FRAG_ANY, FRAG_ONLY, FRAG_NONE };

enum {
  NEEDS_TCP   = 1 << 0,
  NEEDS_UDP   = 1 << 1,
  NEEDS_ICMP  = 1 << 2,
  NEEDS_PORTS = 1 << 3,   /* a protocol with ports: multiport */
};

typedef struct {
  const NflRule *rule;
  guint8   empty;          /* matches no packet */
  guint8   approx;         /* a constraint was left out: never A */
  guint8   terminal;
  guint8   depends_mark, depends_ct;
  guint8   modifies_mark, modifies_ct;
  guint8   proto;          /* the protocol of all its packets, 0: not one */
  guint8   needs;
  guint8   frag;
  guint8   l4;             /* a tcp, udp, icmp or multiport match */
  guint8   reads_l4;       /* one that fails without the transport header */
  guint8   n_icmp, n_mark;
  guint16  ct;             /* bits of ct_situations */
  guint64  flags[4];       /* the TCP flag bytes it lets through */
  AddrDim  src, dst;
  IcmpTerm icmp[ICMP_TERMS_MAX];
  MarkTerm mark[MARK_TERMS_MAX];
  PortDim *ports;          /* NULL: every port */
} View;

/* What the state and conntrack matches can see: no entry, an untracked
 * packet, or a state with its entry's NAT status. */
static const guint ct_situations[] = {
  NFL_CT_INVALID,
  NFL_CT_UNTRACKED,
  NFL_CT_NEW, NFL_CT_NEW | NFL_CT_SNAT, NFL_CT_NEW | NFL_CT_DNAT, NFL_CT_NEW | NFL_CT_SNAT | NFL_CT_DNAT,
  NFL_CT_ESTABLISHED, NFL_CT_ESTABLISHED | NFL_CT_SNAT, NFL_CT_ESTABLISHED | NFL_CT_DNAT,
  NFL_CT_ESTABLISHED | NFL_CT_SNAT | NFL_CT_DNAT,
  NFL_CT_RELATED, NFL_CT_RELATED | NFL_CT_SNAT, NFL_CT_RELATED | NFL_CT_DNAT,
  NFL_CT_RELATED | NFL_CT_SNAT | NFL_CT_DNAT,
};
#define CT_ALL ((1u << G_N_ELEMENTS (ct_situations)) - 1)

/* ---------------------------------------------------------------------- */
/* values under a mask                                                     */
/* ---------------------------------------------------------------------- */

/* {x : x & m1 == v1} ⊆ {x : x & m2 == v2}, both non-empty */
static inline gboolean
cyl_subset (guint32 m1, guint32 v1,
            guint32 m2, guint32 v2)
{
  return (m2 & ~m1) == 0 && (v1 & m2) == v2;
}

static inline gboolean
cyl_disjoint (guint32 m1, guint32 v1,
              guint32 m2, guint32 v2)
{
  return ((v1 ^ v2) & m1 & m2) != 0;
}

/* ---------------------------------------------------------------------- */
/* addresses                                                               */
/* ---------------------------------------------------------------------- */

static gboolean
is_prefix_mask (guint32 mask)
{
  guint32 host = ~mask;

  return (host & (host + 1)) == 0;
}

/* FALSE: no address has (addr & mask) == value */
static gboolean
term_from_mask (AddrTerm *t,
                guint32   value,
                guint32   mask,
                gboolean  invert)
{
  t->invert = invert;
  if ((value & ~mask) != 0)
    return FALSE;
  t->mask = mask;
  t->value = value;
  t->cyl = TRUE;
  t->lo = value;
  t->hi = value | ~mask;
  t->exact = is_prefix_mask (mask);
  t->invert = invert;
  return TRUE;
}

/* FALSE: the range is empty */
static gboolean
term_from_range (AddrTerm *t,
                 guint32   lo,
                 guint32   hi,
                 gboolean  invert)
{
  guint32 span = hi - lo;

  /* addr_add () reads the negation of an empty range too */
  t->invert = invert;
  if (lo > hi)
    return FALSE;
  t->lo = lo;
  t->hi = hi;
  t->exact = TRUE;
  t->invert = invert;
  /* an aligned block of a power of two is also a value under a mask */
  t->cyl = (span & (span + 1)) == 0 && (lo & span) == 0;
  t->mask = ~span;
  t->value = lo;
  return TRUE;
}

static void
addr_add (View           *v,
          AddrDim        *d,
          const AddrTerm *t,
          gboolean        nonempty)
{
  if (!nonempty)
    {
      /* an empty set: nothing passes, its complement everything */
      if (!t->invert)
        v->empty = TRUE;
      return;
    }
  if (d->n_terms == ADDR_TERMS_MAX)
    {
      v->approx = TRUE;
      return;
    }
  d->terms[d->n_terms++] = *t;
}

static void
addr_finish (View    *v,
             AddrDim *d)
{
  guint32 lo = 0, hi = G_MAXUINT32;

  for (guint i = 0; i < d->n_terms; i++)
    if (!d->terms[i].invert)
      {
        lo = MAX (lo, d->terms[i].lo);
        hi = MIN (hi, d->terms[i].hi);
      }
  /* a complement that takes a whole end off shrinks the range */
  for (guint pass = 0; pass <= d->n_terms && lo <= hi; pass++)
    for (guint i = 0; i < d->n_terms && lo <= hi; i++)
      {
        const AddrTerm *f = &d->terms[i];

        if (!f->invert || !f->exact)
          continue;
        if (f->lo <= lo && lo <= f->hi)
          {
            if (f->hi == G_MAXUINT32)
              lo = 1, hi = 0;
            else
              lo = f->hi + 1;
          }
        if (lo <= hi && f->lo <= hi && hi <= f->hi)
          {
            if (f->lo == 0)
              lo = 1, hi = 0;
            else
              hi = f->lo - 1;
          }
      }
  if (lo > hi)
    v->empty = TRUE;
  d->lo = lo;
  d->hi = hi;
}

/* every address of @b is in @t */
static gboolean
addr_within (const AddrDim  *b,
             const AddrTerm *t)
{
  AddrTerm hull;

  if (t->exact && b->lo >= t->lo && b->hi <= t->hi)
    return TRUE;
  if (!t->cyl)
    return FALSE;
  for (guint i = 0; i < b->n_terms; i++)
    {
      const AddrTerm *s = &b->terms[i];
      if (!s->invert && s->cyl && cyl_subset (s->mask, s->value, t->mask, t->value))
        return TRUE;
    }
  return term_from_range (&hull, b->lo, b->hi, FALSE) && hull.cyl &&
         cyl_subset (hull.mask, hull.value, t->mask, t->value);
}

/* no address of @b is in @t */
static gboolean
addr_outside (const AddrDim  *b,
              const AddrTerm *t)
{
  AddrTerm hull;

  if (b->hi < t->lo || b->lo > t->hi)
    return TRUE;
  for (guint i = 0; i < b->n_terms; i++)
    {
      const AddrTerm *s = &b->terms[i];

      if (s->invert)
        {
          /* b leaves out all of a set that holds t */
          if (s->exact && t->lo >= s->lo && t->hi <= s->hi)
            return TRUE;
          if (s->cyl && t->cyl && cyl_subset (t->mask, t->value, s->mask, s->value))
            return TRUE;
        }
      else if (s->cyl && t->cyl && cyl_disjoint (s->mask, s->value, t->mask, t->value))
        return TRUE;
    }
  return t->cyl && term_from_range (&hull, b->lo, b->hi, FALSE) && hull.cyl &&
         cyl_disjoint (hull.mask, hull.value, t->mask, t->value);
}

static gboolean
addr_covers (const AddrDim *a,
             const AddrDim *b)
{
  for (guint i = 0; i < a->n_terms; i++)
    if (a->terms[i].invert ? !addr_outside (b, &a->terms[i]) : !addr_within (b, &a->terms[i]))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* ports                                                                   */
/* ---------------------------------------------------------------------- */

static const PortSet all_ports = { 1, { { 0, 0xffff } } };

static int
compare_ranges (const void *a,
                const void *b)
{
  const NflPortRange *x = a, *y = b;

  return (int) x->lo - (int) y->lo;
}

/* the ports of @ranges (or of their complement) as a set */
static void
portset_from (const NflPortRange *ranges,
              guint               n,
              gboolean            invert,
              PortSet            *out)
{
  NflPortRange sorted[NFL_MULTIPORT_MAX];
  PortSet merged = { 0 };
  guint kept = 0;

  g_assert (n <= NFL_MULTIPORT_MAX);
  /* a reversed range (udp takes "--sport 4:3") holds no port: the
   * kernel's test lo <= port <= hi never passes */
  for (guint i = 0; i < n; i++)
    if (ranges[i].lo <= ranges[i].hi)
      sorted[kept++] = ranges[i];
  n = kept;
  qsort (sorted, n, sizeof *sorted, compare_ranges);
  for (guint i = 0; i < n; i++)
    {
      NflPortRange *last = merged.n ? &merged.r[merged.n - 1] : NULL;

      if (last != NULL && (guint) sorted[i].lo <= (guint) last->hi + 1)
        last->hi = MAX (last->hi, sorted[i].hi);
      else
        merged.r[merged.n++] = sorted[i];
    }
  if (!invert)
    {
      *out = merged;
      return;
    }
  out->n = 0;
  for (guint i = 0, next = 0; i <= merged.n; i++)
    {
      guint end = i < merged.n ? merged.r[i].lo : 0x10000;

      if (next < end)
        {
          out->r[out->n].lo = next;
          out->r[out->n].hi = end - 1;
          out->n++;
        }
      if (i < merged.n)
        next = merged.r[i].hi + 1u;
    }
}

/* *a = *a ∩ *b; FALSE when the result had too many pieces and *a holds
 * a superset */
static gboolean
portset_intersect (PortSet       *a,
                   const PortSet *b)
{
  PortSet out = { 0 };
  gboolean exact = TRUE;
  guint i = 0, j = 0;

  while (i < a->n && j < b->n)
    {
      guint16 lo = MAX (a->r[i].lo, b->r[j].lo);
      guint16 hi = MIN (a->r[i].hi, b->r[j].hi);

      if (lo <= hi)
        {
          if (out.n < PORT_RANGES_MAX)
            {
              out.r[out.n].lo = lo;
              out.r[out.n].hi = hi;
              out.n++;
            }
          else
            {
              out.r[out.n - 1].hi = hi;
              exact = FALSE;
            }
        }
      if (a->r[i].hi < b->r[j].hi)
        i++;
      else
        j++;
    }
  *a = out;
  return exact;
}

static gboolean
portset_subset (const PortSet *a,
                const PortSet *b)
{
  guint j = 0;

  for (guint i = 0; i < a->n; i++)
    {
      while (j < b->n && b->r[j].hi < a->r[i].lo)
        j++;
      if (j == b->n || b->r[j].lo > a->r[i].lo || b->r[j].hi < a->r[i].hi)
        return FALSE;
    }
  return TRUE;
}

static PortDim *
view_ports (View *v)
{
  if (v->ports == NULL)
    {
      v->ports = g_new0 (PortDim, 1);
      v->ports->sport = all_ports;
      v->ports->dport = all_ports;
    }
  return v->ports;
}

static void
ports_restrict (View          *v,
                PortSet       *set,
                const PortSet *by)
{
  if (!portset_intersect (set, by))
    v->approx = TRUE;
}

static void
ports_add_range (View               *v,
                 PortSet            *set,
                 const NflPortRange *range,
                 gboolean            invert)
{
  PortSet by;

  portset_from (range, 1, invert, &by);
  ports_restrict (v, set, &by);
}

static void
ports_add_multiport (View           *v,
                     const NflMatch *m)
{
  PortDim *p = view_ports (v);
  PortSet set;

  portset_from (m->multiport.ports, MIN (m->multiport.n_ports, NFL_MULTIPORT_MAX),
                m->multiport.invert, &set);
  switch (m->multiport.which)
    {
    case NFL_MULTIPORT_SOURCE:
      ports_restrict (v, &p->sport, &set);
      break;
    case NFL_MULTIPORT_DESTINATION:
      ports_restrict (v, &p->dport, &set);
      break;
    case NFL_MULTIPORT_EITHER:
    default:
      /* ! --ports P: neither port in P, two constraints of one port each */
      if (m->multiport.invert)
        {
          ports_restrict (v, &p->sport, &set);
          ports_restrict (v, &p->dport, &set);
        }
      else if (p->n_either < EITHER_MAX)
        p->either[p->n_either++] = set;
      else
        v->approx = TRUE;
      break;
    }
}

static gboolean
ports_covers (const PortDim *a,
              const PortDim *b)
{
  const PortSet *bs = b ? &b->sport : &all_ports;
  const PortSet *bd = b ? &b->dport : &all_ports;

  if (a == NULL)
    return TRUE;
  if (!portset_subset (bs, &a->sport) || !portset_subset (bd, &a->dport))
    return FALSE;
  for (guint i = 0; i < a->n_either; i++)
    {
      const PortSet *either = &a->either[i];
      gboolean held = portset_subset (bs, either) || portset_subset (bd, either);

      for (guint k = 0; b != NULL && k < b->n_either && !held; k++)
        held = portset_subset (&b->either[k], either);
      if (!held)
        return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* interfaces                                                              */
/* ---------------------------------------------------------------------- */

static gboolean
has_prefix (const char *name,
            const char *prefix,
            size_t      prefix_len)
{
  return strncmp (name, prefix, prefix_len) == 0;
}

/* The kernel compares an exact name, or with "eth+" only its prefix
 * "eth"; a packet without the interface has the name "". */
static gboolean
iface_covers (gboolean    a_has,
              const char *a,
              gboolean    a_invert,
              gboolean    b_has,
              const char *b,
              gboolean    b_invert)
{
  size_t a_len, b_len;
  gboolean a_prefix, b_prefix;

  if (!a_has)
    return TRUE;
  a_len = strlen (a);
  a_prefix = a_len > 0 && a[a_len - 1] == '+';
  if (a_prefix)
    a_len--;
  if (a_prefix && a_len == 0)
    return !a_invert;          /* "+": every name */
  if (!b_has)
    return FALSE;
  b_len = strlen (b);
  b_prefix = b_len > 0 && b[b_len - 1] == '+';
  if (b_prefix)
    b_len--;

  if (!a_invert)
    {
      if (b_invert)
        return FALSE;
      if (a_prefix)
        return b_len >= a_len && has_prefix (b, a, a_len);
      return !b_prefix && strcmp (a, b) == 0;
    }
  if (!a_prefix)
    {
      /* every name but a */
      if (!b_invert)
        return b_prefix ? !has_prefix (a, b, b_len) : strcmp (a, b) != 0;
      return b_prefix ? has_prefix (a, b, b_len) : strcmp (a, b) == 0;
    }
  /* every name not beginning with a's prefix */
  if (!b_invert)
    return b_prefix ? !has_prefix (b, a, MIN (a_len, b_len)) : !(b_len >= a_len && has_prefix (b, a, a_len));
  return b_prefix && a_len >= b_len && has_prefix (a, b, b_len);
}

/* ---------------------------------------------------------------------- */
/* building a view                                                         */
/* ---------------------------------------------------------------------- */

static void
set_proto (View   *v,
           guint8  proto)
{
  if (v->proto != 0 && v->proto != proto)
    v->empty = TRUE;
  v->proto = proto;
}

static void
add_flags (View           *v,
           const NflMatch *m)
{
  guint64 set[4] = { 0 };

  for (guint f = 0; f < 256; f++)
    if (((f & m->l4.flags_mask) == m->l4.flags_cmp) != !!m->l4.flags_invert)
      set[f / 64] |= G_GUINT64_CONSTANT (1) << (f % 64);
  for (guint i = 0; i < 4; i++)
    v->flags[i] &= set[i];
}

static void
add_l4 (View           *v,
        const NflMatch *m)
{
  gboolean sport = m->l4.has_sport && !_nfl_port_range_is_all (&m->l4.sport);
  gboolean dport = m->l4.has_dport && !_nfl_port_range_is_all (&m->l4.dport);
  gboolean flags = m->l4.has_flags && (m->l4.flags_mask != 0 || m->l4.flags_invert);

  /* no rule holds "! --sport 0:65535": the parser leaves it out, as
   * iptables-nft does (drop_unstored_l4 ()) */
  v->l4 = TRUE;
  if (m->kind == NFL_MATCH_TCP)
    v->needs |= NEEDS_TCP, set_proto (v, NFL_PROTO_TCP);
  else
    v->needs |= NEEDS_UDP, set_proto (v, NFL_PROTO_UDP);
  if (sport)
    ports_add_range (v, &view_ports (v)->sport, &m->l4.sport, m->l4.sport_invert);
  if (dport)
    ports_add_range (v, &view_ports (v)->dport, &m->l4.dport, m->l4.dport_invert);
  if (flags)
    add_flags (v, m);
  if (sport || dport || flags)
    v->reads_l4 = TRUE;
}

static void
add_icmp (View           *v,
          const NflMatch *m)
{
  IcmpTerm t = { 0 };

  v->l4 = TRUE;
  v->needs |= NEEDS_ICMP;
  set_proto (v, NFL_PROTO_ICMP);
  /* the kernel takes type 255 for any type */
  t.any = m->icmp.any || m->icmp.type == 0xff;
  t.type = m->icmp.type;
  t.code_lo = MIN (m->icmp.code_lo, m->icmp.code_hi);
  t.code_hi = MAX (m->icmp.code_lo, m->icmp.code_hi);
  t.invert = m->icmp.invert;
  if (t.any)
    {
      if (t.invert)
        v->empty = TRUE;
      return;                  /* reads the header in xt, but maybe not in nft */
    }
  v->reads_l4 = TRUE;
  if (v->n_icmp == ICMP_TERMS_MAX)
    v->approx = TRUE;
  else
    v->icmp[v->n_icmp++] = t;
}

static void
add_mark (View           *v,
          const NflMatch *m)
{
  MarkTerm t = { m->mark.mask, m->mark.value, m->mark.invert };

  v->depends_mark = TRUE;
  if ((t.value & ~t.mask) != 0)
    {
      /* (mark & mask) never equals the value */
      if (!t.invert)
        v->empty = TRUE;
      return;
    }
  if (t.invert && t.mask == 0)
    {
      v->empty = TRUE;          /* the complement of every mark */
      return;
    }
  if (v->n_mark == MARK_TERMS_MAX)
    v->approx = TRUE;
  else
    v->mark[v->n_mark++] = t;
}

static void
add_state (View           *v,
           const NflMatch *m)
{
  guint matching = 0;

  v->depends_ct = TRUE;
  for (guint s = 0; s < G_N_ELEMENTS (ct_situations); s++)
    {
      guint bits = ct_situations[s];

      /* the state match sees no NAT status */
      if (m->kind == NFL_MATCH_STATE)
        bits &= ~(NFL_CT_SNAT | NFL_CT_DNAT);
      if (((bits & m->state.states) != 0) != !!m->state.invert)
        matching |= 1u << s;
    }
  v->ct &= matching;
}

static void
add_iprange (View           *v,
             const NflMatch *m)
{
  AddrTerm t;

  if (m->iprange.has_src)
    addr_add (v, &v->src, &t, term_from_range (&t, m->iprange.src_lo, m->iprange.src_hi, m->iprange.src_invert));
  if (m->iprange.has_dst)
    addr_add (v, &v->dst, &t, term_from_range (&t, m->iprange.dst_lo, m->iprange.dst_hi, m->iprange.dst_invert));
}

static void
view_init (View          *v,
           const NflRule *rule)
{
  AddrTerm t;

  memset (v, 0, sizeof *v);
  v->rule = rule;
  v->terminal = nfl_rule_is_terminal (rule);
  v->ct = CT_ALL;
  memset (v->flags, 0xff, sizeof v->flags);

  switch (rule->target.kind)
    {
    case NFL_TARGET_MARK:
    case NFL_TARGET_CONNMARK:   /* --restore-mark sets the packet's mark */
      v->modifies_mark = TRUE;
      break;
    case NFL_TARGET_NOTRACK:
    case NFL_TARGET_CT:
      v->modifies_ct = TRUE;
      break;
    case NFL_TARGET_JUMP:
      v->modifies_mark = v->modifies_ct = TRUE;
      break;
    default:
      break;
    }

  if (rule->has_src)
    addr_add (v, &v->src, &t, term_from_mask (&t, rule->src, rule->src_mask, rule->src_invert));
  if (rule->has_dst)
    addr_add (v, &v->dst, &t, term_from_mask (&t, rule->dst, rule->dst_mask, rule->dst_invert));
  if (rule->has_proto && rule->proto != 0 && !rule->proto_invert)
    set_proto (v, rule->proto);
  if (rule->frag)
    v->frag = rule->frag_invert ? FRAG_NONE : FRAG_ONLY;

  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];

      switch (m->kind)
        {
        case NFL_MATCH_TCP:
        case NFL_MATCH_UDP:
          add_l4 (v, m);
          break;
        case NFL_MATCH_ICMP:
          add_icmp (v, m);
          break;
        case NFL_MATCH_MULTIPORT:
          v->l4 = v->reads_l4 = TRUE;
          v->needs |= NEEDS_PORTS;
          ports_add_multiport (v, m);
          break;
        case NFL_MATCH_CONNTRACK:
          /* the entry's tuples, direction, status and timeout are state
           * that earlier packets make: a rule that reads them is never A */
          if (m->ct.given != 0)
            v->approx = TRUE;
          if (m->ct.states != 0)
            add_state (v, m);
          else
            v->depends_ct = TRUE;
          break;
        case NFL_MATCH_STATE:
          add_state (v, m);
          break;
        case NFL_MATCH_MARK:
          add_mark (v, m);
          break;
        case NFL_MATCH_COMMENT:
          break;
        case NFL_MATCH_IPRANGE:
          add_iprange (v, m);
          break;
        case NFL_MATCH_ADDRTYPE:
          /* the route types depend on the namespace's addresses, which a
           * rule alone does not know: as B it counts as any address */
        case NFL_MATCH_LENGTH:
        case NFL_MATCH_TTL:
        case NFL_MATCH_PHYSDEV:
          /* dimensions this analysis does not keep: never A, any as B */
        case NFL_MATCH_LIMIT:
        case NFL_MATCH_STATISTIC:
          /* a spent bucket, or a packet the count skips, goes by: never A */
        case NFL_MATCH_CONNMARK:
          /* the connection's mark is state that earlier packets set: never A */
        case NFL_MATCH_RECENT:
          /* the lists are state that earlier packets fill: never A */
        case NFL_MATCH_OWNER:
          /* the socket is the packet's, not in the rule: never A */
        case NFL_MATCH_PKTTYPE:
          /* the frame's class is not in the rule either */
          v->approx = TRUE;
          break;
        default:
          v->approx = TRUE;     /* a match this analysis does not know */
          break;
        }
    }

  /* "! -p tcp -m tcp": nothing */
  if (rule->has_proto && rule->proto_invert && v->proto == rule->proto)
    v->empty = TRUE;
  addr_finish (v, &v->src);
  addr_finish (v, &v->dst);
  if (v->ct == 0 || (v->frag == FRAG_ONLY && v->reads_l4) ||
      (v->flags[0] | v->flags[1] | v->flags[2] | v->flags[3]) == 0)
    v->empty = TRUE;
  if (v->ports != NULL)
    {
      if (v->ports->sport.n == 0 || v->ports->dport.n == 0)
        v->empty = TRUE;
      for (guint i = 0; i < v->ports->n_either; i++)
        if (v->ports->either[i].n == 0)
          v->empty = TRUE;
    }
}

static void
view_clear (View *v)
{
  g_clear_pointer (&v->ports, g_free);
}

/* ---------------------------------------------------------------------- */
/* coverage                                                                */
/* ---------------------------------------------------------------------- */

static gboolean
icmp_covers_term (const IcmpTerm *t,
                  const View     *b)
{
  for (guint i = 0; i < b->n_icmp; i++)
    {
      const IcmpTerm *s = &b->icmp[i];

      if (!t->invert)
        {
          if (!s->invert && s->type == t->type && s->code_lo >= t->code_lo && s->code_hi <= t->code_hi)
            return TRUE;
        }
      else if (!s->invert)
        {
          if (s->type != t->type || s->code_hi < t->code_lo || s->code_lo > t->code_hi)
            return TRUE;
        }
      else if (s->type == t->type && s->code_lo <= t->code_lo && s->code_hi >= t->code_hi)
        return TRUE;
    }
  return FALSE;
}

static gboolean
mark_covers_term (const MarkTerm *t,
                  const View     *b)
{
  if (!t->invert && t->mask == 0)
    return TRUE;               /* mark & 0 == 0: every mark */
  for (guint i = 0; i < b->n_mark; i++)
    {
      const MarkTerm *s = &b->mark[i];

      if (!t->invert)
        {
          if (!s->invert && cyl_subset (s->mask, s->value, t->mask, t->value))
            return TRUE;
        }
      else if (!s->invert)
        {
          if (cyl_disjoint (s->mask, s->value, t->mask, t->value))
            return TRUE;
        }
      else if (cyl_subset (t->mask, t->value, s->mask, s->value))
        return TRUE;
    }
  return FALSE;
}

static gboolean
proto_has_ports (guint8 proto)
{
  /* what the kernel's multiport accepts: tcp, udp, udplite, sctp, dccp */
  return proto == 6 || proto == 17 || proto == 136 || proto == 132 || proto == 33;
}

static gboolean
view_covers (const View *a,
             const View *b)
{
  const NflRule *ra = a->rule, *rb = b->rule;

  if (a->empty || a->approx || b->empty)
    return FALSE;
  if (!addr_covers (&a->src, &b->src) || !addr_covers (&a->dst, &b->dst))
    return FALSE;
  if (ra->has_proto && ra->proto != 0)
    {
      if (!ra->proto_invert && b->proto != ra->proto)
        return FALSE;
      if (ra->proto_invert && !(b->proto != 0 && b->proto != ra->proto) &&
          !(rb->has_proto && rb->proto_invert && rb->proto == ra->proto))
        return FALSE;
    }
  if (((a->needs & NEEDS_TCP) && b->proto != NFL_PROTO_TCP) ||
      ((a->needs & NEEDS_UDP) && b->proto != NFL_PROTO_UDP) ||
      ((a->needs & NEEDS_ICMP) && b->proto != NFL_PROTO_ICMP) ||
      ((a->needs & NEEDS_PORTS) && !proto_has_ports (b->proto)))
    return FALSE;
  if ((a->l4 && !b->reads_l4) ||
      (a->frag == FRAG_ONLY && b->frag != FRAG_ONLY) ||
      (a->frag == FRAG_NONE && b->frag != FRAG_NONE && !b->reads_l4))
    return FALSE;
  if (!iface_covers (ra->has_in, ra->in, ra->in_invert, rb->has_in, rb->in, rb->in_invert) ||
      !iface_covers (ra->has_out, ra->out, ra->out_invert, rb->has_out, rb->out, rb->out_invert))
    return FALSE;
  if ((b->ct & ~a->ct) != 0)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if ((b->flags[i] & ~a->flags[i]) != 0)
      return FALSE;
  if (!ports_covers (a->ports, b->ports))
    return FALSE;
  for (guint i = 0; i < a->n_icmp; i++)
    if (!icmp_covers_term (&a->icmp[i], b))
      return FALSE;
  for (guint i = 0; i < a->n_mark; i++)
    if (!mark_covers_term (&a->mark[i], b))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

gboolean
nfl_rule_is_terminal (const NflRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  switch (rule->target.kind)
    {
    case NFL_TARGET_ACCEPT:
    case NFL_TARGET_DROP:
    case NFL_TARGET_REJECT:
    case NFL_TARGET_RETURN:
    /* the NAT targets return NF_ACCEPT (or NF_DROP) */
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
    /* no program listens: dropped, or accepted with --queue-bypass */
    case NFL_TARGET_NFQUEUE:
    /* a goto never comes back to this chain */
    case NFL_TARGET_GOTO:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
nfl_rule_covers (const NflRule *earlier,
                 const NflRule *later)
{
  View a, b;
  gboolean covers;

  g_return_val_if_fail (earlier != NULL, FALSE);
  g_return_val_if_fail (later != NULL, FALSE);

  view_init (&a, earlier);
  view_init (&b, later);
  covers = view_covers (&a, &b);
  view_clear (&a);
  view_clear (&b);
  return covers;
}

/* The part of a candidate A that is looked at for every later rule:
 * B's address ranges must lie in these for A to cover it (addr_within
 * holds only then), and the smallest ranges of B's ports in those of
 * A's (portset_subset holds only then), so most pairs fail here. */
typedef struct {
  guint32 src_lo, src_hi;
  guint32 dst_lo, dst_hi;
  guint16 sport_lo, sport_hi;  /* and its ports in these (ports_covers) */
  guint16 dport_lo, dport_hi;
  guint   index;
} Candidate;

/* the smallest ranges holding the ports of @v (empty sets are not asked) */
static void
port_hulls (const View *v,
            Candidate  *out)
{
  const PortSet *s = v->ports && v->ports->sport.n ? &v->ports->sport : &all_ports;
  const PortSet *d = v->ports && v->ports->dport.n ? &v->ports->dport : &all_ports;

  out->sport_lo = s->r[0].lo;
  out->sport_hi = s->r[s->n - 1].hi;
  out->dport_lo = d->r[0].lo;
  out->dport_hi = d->r[d->n - 1].hi;
}

static void
needed_range (const AddrDim *d,
              guint32       *lo,
              guint32       *hi)
{
  *lo = 0;
  *hi = G_MAXUINT32;
  for (guint i = 0; i < d->n_terms; i++)
    if (!d->terms[i].invert)
      {
        *lo = MAX (*lo, d->terms[i].lo);
        *hi = MIN (*hi, d->terms[i].hi);
      }
}

GArray *
nfl_chain_find_shadowed (const NflChain *chain)
{
  GArray *findings;
  View *views;
  Candidate *candidates;
  guint *mark_changes, *ct_changes;   /* how many rules before rule i change them */
  guint n, n_candidates = 0;

  g_return_val_if_fail (chain != NULL, NULL);

  findings = g_array_new (FALSE, FALSE, sizeof (NflShadowFinding));
  n = chain->rules->len;
  if (n < 2)
    return findings;

  views = g_new (View, n);
  candidates = g_new (Candidate, n);
  mark_changes = g_new (guint, n + 1);
  ct_changes = g_new (guint, n + 1);
  mark_changes[0] = ct_changes[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      view_init (&views[i], g_ptr_array_index (chain->rules, i));
      mark_changes[i + 1] = mark_changes[i] + views[i].modifies_mark;
      ct_changes[i + 1] = ct_changes[i] + views[i].modifies_ct;
    }

  for (guint j = 0; j < n; j++)
    {
      const View *b = &views[j];
      Candidate hull;

      port_hulls (b, &hull);
      for (guint c = 0; c < n_candidates && !b->empty; c++)
        {
          const Candidate *cand = &candidates[c];
          const View *a;
          guint i = cand->index;

          if (b->src.lo < cand->src_lo || b->src.hi > cand->src_hi ||
              b->dst.lo < cand->dst_lo || b->dst.hi > cand->dst_hi ||
              hull.sport_lo < cand->sport_lo || hull.sport_hi > cand->sport_hi ||
              hull.dport_lo < cand->dport_lo || hull.dport_hi > cand->dport_hi)
            continue;
          a = &views[i];
          /* a rule between them may change what A looks at */
          if (a->depends_mark && mark_changes[j] != mark_changes[i + 1])
            continue;
          if (a->depends_ct && ct_changes[j] != ct_changes[i + 1])
            continue;
          if (view_covers (a, b))
            {
              NflShadowFinding finding = { j + 1, i + 1 };
              g_array_append_val (findings, finding);
              break;
            }
        }

      if (b->terminal && !b->empty && !b->approx)
        {
          Candidate *cand = &candidates[n_candidates++];

          needed_range (&b->src, &cand->src_lo, &cand->src_hi);
          needed_range (&b->dst, &cand->dst_lo, &cand->dst_hi);
          port_hulls (b, cand);
          cand->index = j;
        }
    }

  for (guint i = 0; i < n; i++)
    view_clear (&views[i]);
  g_free (views);
  g_free (candidates);
  g_free (mark_changes);
  g_free (ct_changes);
  return findings;
}

GArray *
nfl_ruleset_find_shadowed (const NflRuleset *ruleset)
{
  GArray *findings;

  g_return_val_if_fail (ruleset != NULL, NULL);

  findings = g_array_new (FALSE, FALSE, sizeof (NflRulesetShadowFinding));
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      const NflTable *table = &ruleset->tables[_nfl_save_table_order[t]];

      for (guint c = 0; c < table->chains->len; c++)
        {
          const NflChain *chain = g_ptr_array_index (table->chains, c);
          g_autoptr(GArray) found = nfl_chain_find_shadowed (chain);

          for (guint f = 0; f < found->len; f++)
            {
              const NflShadowFinding *one = &g_array_index (found, NflShadowFinding, f);
              NflRulesetShadowFinding finding = { table->id, chain->name, one->rule, one->shadowed_by };

              g_array_append_val (findings, finding);
            }
        }
    }
  return findings;
}
