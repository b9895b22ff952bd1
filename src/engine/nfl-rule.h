/* nfl-rule.h: one iptables rule: its matches, its target, its counters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-types.h"

G_BEGIN_DECLS

typedef struct {
  guint16 lo;
  guint16 hi;
} NflPortRange;

typedef enum {
  NFL_MATCH_TCP,
  NFL_MATCH_UDP,
  NFL_MATCH_ICMP,
  NFL_MATCH_MULTIPORT,
  NFL_MATCH_CONNTRACK,
  NFL_MATCH_STATE,
  NFL_MATCH_MARK,
  NFL_MATCH_COMMENT,
  NFL_MATCH_IPRANGE,
  NFL_MATCH_ADDRTYPE,
  NFL_MATCH_LIMIT,
  NFL_MATCH_STATISTIC,
  NFL_MATCH_LENGTH,
  NFL_MATCH_TTL,
  NFL_MATCH_PHYSDEV,
  NFL_MATCH_CONNMARK,   /* its value and mask in .mark */
  NFL_MATCH_RECENT,
  NFL_MATCH_OWNER,
  NFL_MATCH_PKTTYPE,
  /* a match (or, with .unmodelled.target, the target) the simulator does
   * not model, kept as iptables-save wrote it: a rule a real machine has
   * is loaded, saved and exported as it is, and a trace that reaches it
   * stops there (nfl_iptables_restore () and the scenario files keep
   * them; typed commands are refused) */
  NFL_MATCH_UNMODELLED,
} NflMatchKind;

typedef enum {
  NFL_MULTIPORT_SOURCE,
  NFL_MULTIPORT_DESTINATION,
  NFL_MULTIPORT_EITHER,
} NflMultiportWhich;

#define NFL_MULTIPORT_MAX 15   /* XT_MULTI_PORTS */
#define NFL_LIMIT_SCALE   10000  /* XT_LIMIT_SCALE */

/* -m physdev: the kernel's XT_PHYSDEV_OP_* bits */
enum {
  NFL_PHYSDEV_IN = 0x01,
  NFL_PHYSDEV_OUT = 0x02,
  NFL_PHYSDEV_IS_BRIDGED = 0x04,
  NFL_PHYSDEV_IS_IN = 0x08,
  NFL_PHYSDEV_IS_OUT = 0x10,
};

/* -m conntrack's options besides --ctstate, as bits of .ct.given in
 * the order iptables prints them: the tuple options NFL_CT_OPT_ORIGSRC
 * << NFL_CT_TUPLE_* and NFL_CT_OPT_ORIGSRCPORT << NFL_CT_TUPLE_* */
enum {
  NFL_CT_OPT_PROTO = 1 << 0,
  NFL_CT_OPT_ORIGSRC = 1 << 1,       /* … ORIGDST, REPLSRC, REPLDST */
  NFL_CT_OPT_ORIGSRCPORT = 1 << 5,   /* … ORIGDSTPORT, REPLSRCPORT, REPLDSTPORT */
  NFL_CT_OPT_STATUS = 1 << 9,
  NFL_CT_OPT_EXPIRE = 1 << 10,
  NFL_CT_OPT_DIR = 1 << 11,
};
enum { NFL_CT_TUPLE_ORIGSRC, NFL_CT_TUPLE_ORIGDST, NFL_CT_TUPLE_REPLSRC, NFL_CT_TUPLE_REPLDST };
/* --ctstatus: the kernel's IPS_* bits */
enum {
  NFL_CT_STATUS_EXPECTED = 1 << 0,
  NFL_CT_STATUS_SEEN_REPLY = 1 << 1,
  NFL_CT_STATUS_ASSURED = 1 << 2,
  NFL_CT_STATUS_CONFIRMED = 1 << 3,
};

/* -m ttl: IPT_TTL_EQ, _NE, _LT, _GT */
enum { NFL_TTL_EQ, NFL_TTL_NE, NFL_TTL_LT, NFL_TTL_GT };
#define NFL_LIMIT_BURST   5      /* XT_LIMIT_BURST, the default */
#define NFL_LIMIT_AVG     (NFL_LIMIT_SCALE * 60 * 60 / 3)  /* 3/hour, the default */
#define NFL_COMMENT_MAX   256  /* XT_MAX_COMMENT_LEN, including the NUL */
#define NFL_RECENT_NAME_MAX 200  /* XT_RECENT_NAME_LEN, including the NUL */

/* -m recent: xt_recent's check_set bits and sides */
enum {
  NFL_RECENT_CHECK  = 1 << 0,
  NFL_RECENT_SET    = 1 << 1,
  NFL_RECENT_UPDATE = 1 << 2,
  NFL_RECENT_REMOVE = 1 << 3,
  NFL_RECENT_TTL    = 1 << 4,
  NFL_RECENT_REAP   = 1 << 5,
};
enum { NFL_RECENT_SOURCE, NFL_RECENT_DEST };

/* -m pkttype: the kernel's PACKET_* types it takes */
enum {
  NFL_PKTTYPE_HOST = 0,        /* "unicast" */
  NFL_PKTTYPE_BROADCAST = 1,
  NFL_PKTTYPE_MULTICAST = 2,
  NFL_PKTTYPE_OTHERHOST = 3,
};

/* -m owner: xt_owner's XT_OWNER_* bits */
enum {
  NFL_OWNER_UID = 1 << 0,
  NFL_OWNER_GID = 1 << 1,
  NFL_OWNER_SOCKET = 1 << 2,
  NFL_OWNER_SUPPL_GROUPS = 1 << 3,
};

/* TCP flag bits as in the TCP header. */
enum {
  NFL_TCP_FIN = 0x01,
  NFL_TCP_SYN = 0x02,
  NFL_TCP_RST = 0x04,
  NFL_TCP_PSH = 0x08,
  NFL_TCP_ACK = 0x10,
  NFL_TCP_URG = 0x20,
  NFL_TCP_ECE = 0x40,
  NFL_TCP_CWR = 0x80,
};

/* A match is plain data (no pointers) so rules copy with memcpy. */
typedef struct {
  NflMatchKind kind;
  union {
    struct {                    /* tcp, udp */
      gboolean     has_sport, sport_invert;
      NflPortRange sport;
      gboolean     has_dport, dport_invert;
      NflPortRange dport;
      gboolean     has_flags, flags_invert;
      guint8       flags_mask, flags_cmp;
    } l4;
    struct {
      gboolean any;             /* --icmp-type any */
      guint8   type;
      guint8   code_lo, code_hi;
      gboolean invert;
    } icmp;
    struct {
      NflMultiportWhich which;
      gboolean          invert;
      guint             n_ports;
      NflPortRange      ports[NFL_MULTIPORT_MAX];
    } multiport;
    struct {                    /* conntrack --ctstate, state --state */
      guint    states;          /* NflCtState bits */
      gboolean invert;
    } state;
    /* -m conntrack as xt_conntrack_mtinfo3 holds it; its first two
     * fields are .state's, so --ctstate reads through .state too */
    struct {
      guint    states;          /* --ctstate: NflCtState bits, 0 when not given */
      gboolean invert;
      guint16  given;           /* NFL_CT_OPT_* besides --ctstate */
      guint16  inverted;        /* those of them negated */
      guint8   proto;           /* --ctproto */
      guint8   status;          /* --ctstatus: NFL_CT_STATUS_* bits, 0 for NONE */
      guint8   reply;           /* --ctdir REPLY, else ORIGINAL */
      guint32  addr[4];         /* NFL_CT_TUPLE_*: --ctorigsrc … --ctrepldst, as written */
      guint32  mask[4];
      NflPortRange port[4];     /* --ctorigsrcport … --ctrepldstport */
      guint32  expire_min, expire_max;
    } ct;
    struct {
      guint32  value, mask;
      gboolean invert;
    } mark;
    struct {
      char text[NFL_COMMENT_MAX];
    } comment;
    struct {
      gboolean has_src, src_invert;
      guint32  src_lo, src_hi;
      gboolean has_dst, dst_invert;
      guint32  dst_lo, dst_hi;
    } iprange;
    struct {
      guint16  src_types, dst_types;   /* 1 << NflAddrType; 0: not given */
      guint8   src_invert, dst_invert;
      guint8   limit_in, limit_out;    /* --limit-iface-in / -out */
    } addrtype;
    struct {
      guint8   target;  /* the words are the target's: "-j NFLOG --nflog-group 5" */
      char     text[NFL_COMMENT_MAX - 1];   /* "-m recent --set --name DEFAULT" */
    } unmodelled;
    struct {
      guint8   random;      /* --mode random, else nth */
      guint8   invert;      /* "!" before --every or --probability */
      guint32  every;       /* nth: --every N */
      guint32  packet;      /* nth: --packet P, 0 <= P < N */
      guint32  probability; /* random: as the kernel holds it, p * 2^31 */
    } statistic;
    struct {
      guint16  min, max;    /* the IP total length, min > max matches nothing */
      guint8   invert;
    } length;
    struct {
      guint8   op;          /* NFL_TTL_EQ, _NE, _LT, _GT as xt_ttl's modes */
      guint8   value;
    } ttl;
    struct {
      guint8   given;       /* NFL_PHYSDEV_* options in the rule */
      guint8   invert;      /* those of them negated */
      char     in[16];      /* bridge port names, "+" at the end a wildcard */
      char     out[16];
    } physdev;
    struct {
      char     name[NFL_RECENT_NAME_MAX];   /* the list, "DEFAULT" unless given */
      guint32  seconds;     /* 0: not given */
      guint32  hit_count;   /* 0: not given */
      guint32  mask;        /* the address bits an entry keeps */
      guint8   check_set;   /* NFL_RECENT_* */
      guint8   side;        /* NFL_RECENT_SOURCE or _DEST */
      guint8   invert;
    } recent;
    struct {
      guint32  uid_min, uid_max;
      guint32  gid_min, gid_max;
      guint8   match;       /* NFL_OWNER_* options in the rule */
      guint8   invert;      /* those of them negated */
    } owner;
    struct {
      guint8   type;        /* NFL_PKTTYPE_* */
      guint8   invert;
    } pkttype;
    struct {
      guint32  avg;     /* the kernel's: NFL_LIMIT_SCALE seconds between packets */
      guint32  burst;   /* packets the bucket holds, full at the start */
    } limit;
  };
} NflMatch;

typedef enum {
  NFL_TARGET_NONE,   /* no -j: the rule only counts */
  NFL_TARGET_ACCEPT,
  NFL_TARGET_DROP,
  NFL_TARGET_RETURN,
  NFL_TARGET_REJECT,
  NFL_TARGET_LOG,
  NFL_TARGET_DNAT,
  NFL_TARGET_SNAT,
  NFL_TARGET_MASQUERADE,
  NFL_TARGET_REDIRECT,
  NFL_TARGET_MARK,
  NFL_TARGET_TOS,
  NFL_TARGET_TTL,
  NFL_TARGET_NOTRACK,
  NFL_TARGET_CT,
  NFL_TARGET_TRACE,
  NFL_TARGET_CONNMARK,
  NFL_TARGET_NFLOG,
  NFL_TARGET_NFQUEUE,
  NFL_TARGET_TCPMSS,
  NFL_TARGET_CHECKSUM,
  NFL_TARGET_JUMP,
  NFL_TARGET_GOTO,
  NFL_TARGET_UNMODELLED,   /* its words are the last NFL_MATCH_UNMODELLED */
} NflTargetKind;

typedef enum {
  NFL_REJECT_ICMP_NET_UNREACHABLE,
  NFL_REJECT_ICMP_HOST_UNREACHABLE,
  NFL_REJECT_ICMP_PORT_UNREACHABLE,
  NFL_REJECT_ICMP_PROTO_UNREACHABLE,
  NFL_REJECT_ICMP_NET_PROHIBITED,
  NFL_REJECT_ICMP_HOST_PROHIBITED,
  NFL_REJECT_ICMP_ADMIN_PROHIBITED,
  NFL_REJECT_TCP_RESET,
} NflRejectWith;

/* CONNMARK's modes, as XT_CONNMARK_SET, _SAVE, _RESTORE */
typedef enum {
  NFL_CONNMARK_SET,
  NFL_CONNMARK_SAVE,
  NFL_CONNMARK_RESTORE,
} NflConnmarkMode;

typedef enum {
  NFL_TTL_SET,
  NFL_TTL_DEC,
  NFL_TTL_INC,
} NflTtlMode;

enum {
  NFL_LOG_TCP_SEQUENCE = 0x01,
  NFL_LOG_TCP_OPTIONS  = 0x02,
  NFL_LOG_IP_OPTIONS   = 0x04,
  NFL_LOG_UID          = 0x08,
};

enum {
  NFL_NAT_RANDOM       = 0x01,
  NFL_NAT_PERSISTENT   = 0x02,
  NFL_NAT_RANDOM_FULLY = 0x04,
  NFL_NAT_PORT_SHIFT   = 0x08,  /* PORT-PORT/BASE: the port moves by the original's distance from BASE */
};

#define NFL_LOG_PREFIX_MAX 30  /* 29 characters and the NUL */
#define NFL_NFQUEUE_BYPASS     0x01   /* NFQ_FLAG_BYPASS */
#define NFL_NFQUEUE_CPU_FANOUT 0x02   /* NFQ_FLAG_CPU_FANOUT */
#define NFL_TCPMSS_CLAMP 0xffff   /* XT_TCPMSS_CLAMP_PMTU */
#define NFL_TCPMSS_MAX   65515    /* the largest --set-mss libxt_TCPMSS takes */
#define NFL_NFLOG_PREFIX_MAX 128  /* the nft log expression's NF_LOG_PREFIXLEN, with the NUL */

typedef struct {
  NflTargetKind kind;
  char          chain[NFL_CHAIN_MAXLEN + 4];  /* JUMP, GOTO */
  NflRejectWith reject_with;
  guint8        reject_with_given;
  char          log_prefix[NFL_LOG_PREFIX_MAX];
  guint8        log_prefix_given;
  guint8        log_level;
  guint8        log_flags;
  guint8        nat_has_addr;
  guint32       nat_addr_lo, nat_addr_hi;
  guint8        nat_has_ports;
  guint16       nat_port_lo, nat_port_hi;
  guint16       nat_port_base;          /* with NFL_NAT_PORT_SHIFT */
  guint8        nat_flags;
  guint32       mark_value, mark_mask;  /* every MARK option as --set-xmark; CONNMARK's ctmark, ctmask */
  guint32       connmark_nfmask;        /* CONNMARK --save-mark/--restore-mark: the packet mark's bits */
  guint8        connmark_mode;          /* NflConnmarkMode */
  guint8        tos_value, tos_mask;
  NflTtlMode    ttl_mode;
  guint8        ttl_value;
  /* NFLOG: as iptables-nft hands it to the nft log expression */
  guint16       nflog_group;
  guint16       nflog_threshold;        /* 0: not given */
  guint32       nflog_size;
  guint8        nflog_size_given;       /* XT_NFLOG_F_COPY_LEN */
  char          nflog_prefix[NFL_NFLOG_PREFIX_MAX];
  /* NFQUEUE: the first queue, how many (1, or the --queue-balance
   * range), NFL_NFQUEUE_* flags */
  guint16       queue_num;
  guint32       queue_total;
  guint8        queue_flags;
  /* TCPMSS: --set-mss, or NFL_TCPMSS_CLAMP for --clamp-mss-to-pmtu */
  guint16       tcpmss;
  /* which options were given, for the checks that need one of them */
  guint8        mark_given, tos_given, ttl_given, ct_notrack;
} NflTarget;

/* The flags are bytes, not gboolean: a restore file can hold tens of
 * thousands of rules, and every byte of a rule is paid for by each. */
typedef struct {
  /* the ip part, always evaluated first */
  guint32   src, src_mask;
  guint32   dst, dst_mask;
  guint8    has_src, src_invert;
  guint8    has_dst, dst_invert;
  guint8    has_in, in_invert;
  guint8    has_out, out_invert;
  guint8    has_proto, proto_invert;
  guint8    proto;             /* 0 = all */
  guint8    frag, frag_invert; /* -f: never true for the simulator's packets */
  char      in[NFL_IFNAMSIZ];
  char      out[NFL_IFNAMSIZ];

  /* in the order they were given, which is the order they are saved */
  guint     n_matches;
  NflMatch *matches;

  NflTarget target;

  guint64   packets;
  guint64   bytes;
} NflRule;

NflRule    *nfl_rule_new              (void);
NflRule    *nfl_rule_copy             (const NflRule *rule);
void        nfl_rule_free             (NflRule       *rule);
NflMatch   *nfl_rule_add_match        (NflRule       *rule,
                                       NflMatchKind   kind);
NflMatch   *nfl_rule_find_match       (const NflRule *rule,
                                       NflMatchKind   kind);
gboolean    nfl_rule_equal_spec       (const NflRule *a,
                                       const NflRule *b);
gboolean    nfl_rule_needs_conntrack  (const NflRule *rule);
/* The first match or target of @rule kept as written, or NULL */
const NflMatch *nfl_rule_find_unmodelled (const NflRule *rule);
/* "-m recent" or "-j NFLOG": what of a kept part the simulator lacks */
char       *nfl_rule_unmodelled_name  (const NflMatch *m);

/* "-s 10.0.0.4/32 -p tcp -m tcp --dport 22 -j DROP": exactly what
 * iptables-save prints after "-A CHAIN ". */
void        nfl_rule_append_save_spec (const NflRule *rule,
                                       GString       *out);
char       *nfl_rule_to_save_spec     (const NflRule *rule);

/* The text iptables -L prints after the destination column. */
void        nfl_rule_append_list_extra (const NflRule *rule,
                                        gboolean       numeric,
                                        GString       *out);

const char *nfl_target_kind_name      (NflTargetKind  kind);
const char *nfl_reject_with_name      (NflRejectWith  with);
const char *nfl_protocol_name         (guint8         proto);
const char *nfl_icmp_type_name        (guint8         type,
                                       guint8         code);
/* The names iptables' icmp match takes, aliases and "any" included, in
 * its order, with their type and code range; NULL after the last. */
const char *nfl_icmp_type_nth_name    (guint          n,
                                       guint8        *type,
                                       guint8        *code_lo,
                                       guint8        *code_hi);
/* The first of those names for exactly this type and code range (what
 * iptables -L prints), or NULL */
const char *nfl_icmp_type_range_name  (guint8         type,
                                       guint8         code_lo,
                                       guint8         code_hi);
const char *nfl_ct_state_name         (NflCtState     state);
void        nfl_ct_states_append      (guint          states,
                                       GString       *out);
/* "SEEN_REPLY,ASSURED", or "NONE" for 0: print_status () of libxt_conntrack */
void        nfl_ct_status_append      (guint          status,
                                       GString       *out);
/* "--ctorigsrc", "--ctorigdst", … for NFL_CT_TUPLE_*, with @port the port options */
const char *nfl_ct_tuple_option       (guint          tuple,
                                       gboolean       port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflRule, nfl_rule_free)

G_END_DECLS
