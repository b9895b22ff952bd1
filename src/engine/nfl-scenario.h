/* nfl-scenario.h: namespaces, interfaces, links, addresses, routes, rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nfl-ruleset.h"

G_BEGIN_DECLS

typedef struct _NflNamespace NflNamespace;
typedef struct _NflInterface NflInterface;

typedef struct {
  guint32 addr;
  guint   prefix_len;
} NflAddress;

typedef enum {
  NFL_ROUTE_UNICAST,
  NFL_ROUTE_BLACKHOLE,
  NFL_ROUTE_UNREACHABLE,
  NFL_ROUTE_PROHIBIT,
} NflRouteType;

typedef struct {
  NflRouteType type;
  guint32      dst;
  guint        prefix_len;   /* 0 with dst 0 = default */
  gboolean     has_via;
  guint32      via;
  char        *dev;          /* NULL: resolved through via */
  gboolean     has_src;
  guint32      src;
  guint        metric;
} NflRoute;

typedef struct {
  guint8   proto;            /* 6 or 17 */
  guint16  port;
  gboolean has_addr;
  guint32  addr;
} NflService;

struct _NflInterface {
  char         *name;
  NflNamespace *ns;          /* NULL while still in the host namespace */
  NflInterface *peer;        /* veth peer, NULL for lo and bridges */
  gboolean      is_loopback;
  gboolean      is_bridge;   /* ip link add NAME type bridge */
  NflInterface *master;      /* the bridge this is a port of, in the same namespace */
  double        x, y;        /* a bridge's box on the canvas, document units */
  /* net.ipv4.conf.IFACE.rp_filter: 0-2, or -1 while it follows
   * net.ipv4.conf.default.rp_filter: until it is written or the interface
   * gets its first address, as in the kernel */
  gint8         rp_filter;
  gboolean      up;
  guint         mtu;
  guint8        mac[6];
  GArray       *addresses;   /* NflAddress, in the order they were added */
};

struct _NflNamespace {
  char       *name;
  char       *notes;
  double      x, y;          /* canvas position, document units */
  GPtrArray  *interfaces;    /* NflInterface*, lo first */
  GPtrArray  *routes;        /* NflRoute* */
  gboolean    ip_forward;
  /* net.bridge.bridge-nf-call-iptables: 1 while br_netfilter is loaded,
   * as on the kernels this models */
  gboolean    bridge_nf_call_iptables;
  /* net.ipv4.conf.all.rp_filter and .default.rp_filter: 0 off, 1 strict,
   * 2 loose; an interface checks the larger of all and its own */
  guint8      rp_filter_all;
  guint8      rp_filter_default;
  /* sysctls written that change nothing the simulator models, "KEY=VALUE"
   * in the order they were last written; kept for the file and the
   * shell export */
  GPtrArray  *other_sysctls;
  GArray     *services;      /* NflService */
  NflRuleset *ruleset;
};

/* One exercise of the scenario's lesson. */
typedef struct {
  char *title;
  char *text;
} NflExercise;

NflExercise  *nfl_exercise_new               (const char   *title,
                                               const char   *text);
NflExercise  *nfl_exercise_copy              (const NflExercise *exercise);
void          nfl_exercise_free              (NflExercise  *exercise);

#define NFL_TYPE_SCENARIO (nfl_scenario_get_type ())
G_DECLARE_FINAL_TYPE (NflScenario, nfl_scenario, NFL, SCENARIO, GObject)

NflScenario  *nfl_scenario_new                (void);
NflScenario  *nfl_scenario_copy               (NflScenario  *self);
void          nfl_scenario_take_contents      (NflScenario  *self,
                                               NflScenario  *other);

const char   *nfl_scenario_get_title          (NflScenario  *self);
void          nfl_scenario_set_title          (NflScenario  *self,
                                               const char   *title);
const char   *nfl_scenario_get_description    (NflScenario  *self);
void          nfl_scenario_set_description    (NflScenario  *self,
                                               const char   *description);

/* Saved probes, "NS ping DST" / "NS tcp|udp DST PORT", in order; they are
 * stored in the canonical form nfl_probe_to_string () prints. */
GPtrArray    *nfl_scenario_get_probes         (NflScenario  *self);
gboolean      nfl_scenario_add_probe          (NflScenario  *self,
                                               const char   *probe,
                                               GError      **error);
void          nfl_scenario_clear_probes       (NflScenario  *self);

/* The lesson: an introduction and a list of NflExercise*. */
const char   *nfl_scenario_get_lesson_intro   (NflScenario  *self);
void          nfl_scenario_set_lesson_intro   (NflScenario  *self,
                                               const char   *intro);
GPtrArray    *nfl_scenario_get_exercises      (NflScenario  *self);
void          nfl_scenario_add_exercise       (NflScenario  *self,
                                               const char   *title,
                                               const char   *text);
void          nfl_scenario_clear_exercises    (NflScenario  *self);

GPtrArray    *nfl_scenario_get_namespaces     (NflScenario  *self);
NflNamespace *nfl_scenario_find_namespace     (NflScenario  *self,
                                               const char   *name);
NflNamespace *nfl_scenario_add_namespace      (NflScenario  *self,
                                               const char   *name,
                                               GError      **error);
gboolean      nfl_scenario_remove_namespace   (NflScenario  *self,
                                               const char   *name,
                                               GError      **error);
/* The interfaces created without a "netns" that still sit in the host. */
GPtrArray    *nfl_scenario_get_host_interfaces (NflScenario *self);
NflInterface *nfl_scenario_find_host_interface (NflScenario *self,
                                                const char  *name);
gboolean      nfl_scenario_add_veth_pair      (NflScenario  *self,
                                               const char   *name,
                                               NflNamespace *ns,
                                               const char   *peer_name,
                                               NflNamespace *peer_ns,
                                               GError      **error);
/* ip link add NAME type bridge, in @ns (NULL: the host) */
NflInterface *nfl_scenario_add_bridge         (NflScenario  *self,
                                               const char   *name,
                                               NflNamespace *ns,
                                               GError      **error);
gboolean      nfl_scenario_move_interface     (NflScenario  *self,
                                               NflInterface *iface,
                                               NflNamespace *to,
                                               GError      **error);

/* ip link set IFACE master BRIDGE (@bridge NULL: nomaster) */
gboolean      nfl_interface_set_master        (NflInterface *iface,
                                               NflInterface *bridge,
                                               GError      **error);
/* The reverse-path filter @iface applies: the larger of all and its own. */
guint         nfl_interface_rp_filter         (const NflInterface *iface);
/* Whether a file or script must write @iface's own rp_filter: it is set,
 * and reading it back unwritten would not give the same. */
gboolean      nfl_interface_rp_filter_is_own  (const NflInterface *iface);
/* "net.ipv4.conf.WHICH.rp_filter": WHICH ("all", "default" or an
 * interface), or NULL for another key. */
char         *nfl_rp_filter_key_dup_which     (const char   *key);
/* "net.ipv4.conf.WHICH.NAME": WHICH, or NULL for another key. */
char         *nfl_conf_key_dup_which          (const char   *key,
                                               const char   *name);
/* For a net.ipv4.conf key of ICMP redirects (send_redirects,
 * accept_redirects, secure_redirects, shared_media), which the simulator
 * reads from the namespace's other sysctls: its WHICH; else NULL. */
char         *nfl_redirect_conf_key_dup_which (const char   *key);
/* net.ipv4.conf.IFACE.NAME as a namespace's other sysctls hold it: the
 * interface's own value, else default's, else @builtin; @all gets
 * conf.all.NAME (or @builtin).  The kernel combines the two per key
 * (IN_DEV_ORCONF, IN_DEV_ANDCONF). */
int           nfl_namespace_conf_value        (NflNamespace       *ns,
                                               const char         *which,
                                               const char         *name,
                                               int                 builtin);
/* Before net.ipv4.conf.default.@name changes: every interface of @ns that
 * has an address and no @name of its own keeps the value it has, as its
 * own.  The kernel marks all settings of an interface as its own when it
 * gets an address (ipv4_devconf_setall ()), so a later default no longer
 * reaches it (observed for send_redirects: fixture 291, and rp_filter). */
void          nfl_namespace_keep_conf_before_default (NflNamespace *ns,
                                                      const char   *name,
                                                      int           builtin);
int           nfl_interface_conf_value        (const NflInterface *iface,
                                               const char         *name,
                                               int                 builtin,
                                               int                *all);
/* The ports of @bridge, in the order of their namespace's interfaces
 * (transfer container). */
GPtrArray    *nfl_bridge_dup_ports            (NflInterface *bridge);

/* "10.1.0.1/32, 10.1.0.2/24" ("" when it has none) */
char         *nfl_interface_dup_addresses_text (NflInterface *iface);
NflInterface *nfl_namespace_find_interface    (NflNamespace *ns,
                                               const char   *name);
/* What the addrtype match sees: the route type of @addr in @ns, as the
 * kernel's local table gives it; with @dev, a local or broadcast address
 * of another interface counts as UNICAST (--limit-iface-in/-out). */
NflAddrType   nfl_namespace_address_type      (NflNamespace       *ns,
                                               guint32             addr,
                                               const NflInterface *dev);
NflInterface *nfl_namespace_find_address      (NflNamespace *ns,
                                               guint32       addr);
gboolean      nfl_namespace_add_address       (NflNamespace *ns,
                                               NflInterface *iface,
                                               guint32       addr,
                                               guint         prefix_len,
                                               GError      **error);
gboolean      nfl_namespace_add_route         (NflNamespace *ns,
                                               const NflRoute *route,
                                               GError      **error);
void          nfl_namespace_add_service       (NflNamespace *ns,
                                               const NflService *service);
/* Records "KEY=VALUE" of a sysctl the simulator does not model, replacing
 * an earlier value of KEY. */
void          nfl_namespace_set_other_sysctl  (NflNamespace *ns,
                                               const char   *key,
                                               const char   *value);

void          nfl_route_free                  (NflRoute     *route);
/* The words of @route as "ip route add" takes them: [TYPE] DST [via GW]
 * [dev DEV] [src ADDR] [metric N].  DST is "default" or ADDR/LEN; with
 * @short_host a host route's "/32" is left out, as "ip route" prints it. */
GStrv         nfl_route_to_words              (const NflRoute *route,
                                               gboolean      short_host);
NflRoute     *nfl_route_copy                  (const NflRoute *route);

/* Tells listeners (the GUI) that the model changed as a whole. */
void          nfl_scenario_changed            (NflScenario  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflExercise, nfl_exercise_free)

G_END_DECLS
