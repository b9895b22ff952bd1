/* nfl-scenario.c: the model of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-scenario-private.h"
#include "nfl-probe.h"

struct _NflScenario
{
  GObject    parent_instance;

  char      *title;
  char      *description;
  GPtrArray *namespaces;        /* NflNamespace*, in creation order */
  GPtrArray *host_interfaces;   /* NflInterface* not moved into a namespace yet */
  guint      next_mac;
  GPtrArray *probes;            /* char*, canonical probe texts */
  char      *lesson_intro;
  GPtrArray *exercises;         /* NflExercise* */
};

G_DEFINE_FINAL_TYPE (NflScenario, nfl_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* interfaces and namespaces                                               */
/* ---------------------------------------------------------------------- */

static NflInterface *
interface_new (NflScenario *self,
               const char  *name,
               gboolean     loopback)
{
  NflInterface *iface = g_new0 (NflInterface, 1);
  guint n = ++self->next_mac;

  iface->name = g_strdup (name);
  iface->is_loopback = loopback;
  iface->rp_filter = -1;
  iface->mtu = loopback ? 65536 : 1500;
  iface->addresses = g_array_new (FALSE, FALSE, sizeof (NflAddress));
  if (!loopback)
    {
      /* locally administered, unicast, unique within the scenario */
      iface->mac[0] = 0x02;
      iface->mac[1] = 0x6e;
      iface->mac[2] = 0x66;
      iface->mac[3] = (n >> 16) & 0xff;
      iface->mac[4] = (n >> 8) & 0xff;
      iface->mac[5] = n & 0xff;
    }
  return iface;
}

static void
interface_free (NflInterface *iface)
{
  if (iface == NULL)
    return;
  g_free (iface->name);
  g_array_unref (iface->addresses);
  g_free (iface);
}

void
nfl_route_free (NflRoute *route)
{
  if (route == NULL)
    return;
  g_free (route->dev);
  g_free (route);
}

char *
nfl_interface_dup_addresses_text (NflInterface *iface)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (iface != NULL, NULL);

  for (guint a = 0; iface->addresses != NULL && a < iface->addresses->len; a++)
    {
      const NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
      g_autofree char *cidr = nfl_ipv4_cidr_to_string (address->addr, address->prefix_len);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, cidr);
    }
  return g_string_free (out, FALSE);
}

GStrv
nfl_route_to_words (const NflRoute *route,
                    gboolean        short_host)
{
  static const char *types[] = { NULL, "blackhole", "unreachable", "prohibit" };
  GPtrArray *words = g_ptr_array_new ();

  g_return_val_if_fail (route != NULL, NULL);

  if (route->type != NFL_ROUTE_UNICAST && route->type < G_N_ELEMENTS (types))
    g_ptr_array_add (words, g_strdup (types[route->type]));
  if (route->dst == 0 && route->prefix_len == 0)
    g_ptr_array_add (words, g_strdup ("default"));
  else if (short_host && route->prefix_len == 32)
    g_ptr_array_add (words, nfl_ipv4_to_string (route->dst));
  else
    g_ptr_array_add (words, nfl_ipv4_cidr_to_string (route->dst, route->prefix_len));
  if (route->has_via)
    {
      g_ptr_array_add (words, g_strdup ("via"));
      g_ptr_array_add (words, nfl_ipv4_to_string (route->via));
    }
  if (route->dev != NULL)
    {
      g_ptr_array_add (words, g_strdup ("dev"));
      g_ptr_array_add (words, g_strdup (route->dev));
    }
  if (route->has_src)
    {
      g_ptr_array_add (words, g_strdup ("src"));
      g_ptr_array_add (words, nfl_ipv4_to_string (route->src));
    }
  if (route->metric != 0)
    {
      g_ptr_array_add (words, g_strdup ("metric"));
      g_ptr_array_add (words, g_strdup_printf ("%u", route->metric));
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

NflRoute *
nfl_route_copy (const NflRoute *route)
{
  NflRoute *copy = g_memdup2 (route, sizeof *route);

  copy->dev = g_strdup (route->dev);
  return copy;
}

static NflNamespace *
namespace_new (NflScenario *self,
               const char  *name)
{
  NflNamespace *ns = g_new0 (NflNamespace, 1);
  NflInterface *lo;

  ns->name = g_strdup (name);
  ns->notes = g_strdup ("");
  ns->interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) interface_free);
  ns->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_route_free);
  ns->services = g_array_new (FALSE, FALSE, sizeof (NflService));
  ns->ruleset = nfl_ruleset_new ();
  ns->bridge_nf_call_iptables = TRUE;
  ns->other_sysctls = g_ptr_array_new_with_free_func (g_free);

  /* every namespace has its loopback; 127.0.0.1/8 is there even while lo
   * is down, as in the kernel */
  lo = interface_new (self, "lo", TRUE);
  lo->ns = ns;
  g_array_append_val (lo->addresses, ((NflAddress) { 0x7f000001, 8 }));
  g_ptr_array_add (ns->interfaces, lo);
  return ns;
}

static void
namespace_free (NflNamespace *ns)
{
  if (ns == NULL)
    return;
  g_free (ns->name);
  g_free (ns->notes);
  g_ptr_array_unref (ns->interfaces);
  g_ptr_array_unref (ns->routes);
  g_array_unref (ns->services);
  g_ptr_array_unref (ns->other_sysctls);
  nfl_ruleset_free (ns->ruleset);
  g_free (ns);
}

NflInterface *
nfl_namespace_find_interface (NflNamespace *ns,
                              const char   *name)
{
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      if (strcmp (iface->name, name) == 0)
        return iface;
    }
  return NULL;
}

/* __inet_dev_addr_type (): 0.0.0.0/8 and 255.255.255.255 are BROADCAST and
 * 224.0.0.0/4 MULTICAST before any lookup; then the local table, which
 * holds a local route for every address (whether or not its interface is
 * up), 127.0.0.0/8 and the broadcast 127.255.255.255 on lo once lo is up,
 * and the subnet broadcast of every address with a prefix under /31 on an
 * interface that is up (`ip route show table local`, kernel 6.18).
 * Everything else, routed or not, is UNICAST: a blackhole, unreachable
 * or prohibit route fails the lookup, which leaves UNICAST.  Not
 * modelled: broadcast addresses given with `brd`, which the scenario
 * does not hold, and two interfaces with one broadcast address (the
 * kernel's first route decides which one --limit-iface sees). */
NflAddrType
nfl_namespace_address_type (NflNamespace       *ns,
                            guint32             addr,
                            const NflInterface *dev)
{
  NflInterface *lo;

  g_return_val_if_fail (ns != NULL, NFL_ADDRTYPE_UNICAST);

  if ((addr >> 24) == 0 || addr == 0xffffffffu)
    return NFL_ADDRTYPE_BROADCAST;
  if ((addr >> 28) == 0xe)
    return NFL_ADDRTYPE_MULTICAST;
  lo = g_ptr_array_index (ns->interfaces, 0);
  if ((addr >> 24) == 127)
    {
      if (!lo->up || (dev != NULL && dev != lo))
        return NFL_ADDRTYPE_UNICAST;
      return addr == 0x7fffffffu ? NFL_ADDRTYPE_BROADCAST : NFL_ADDRTYPE_LOCAL;
    }
  for (guint i = 1; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

      for (guint a = 0; a < iface->addresses->len; a++)
        if (g_array_index (iface->addresses, NflAddress, a).addr == addr)
          return dev == NULL || dev == iface ? NFL_ADDRTYPE_LOCAL : NFL_ADDRTYPE_UNICAST;
    }
  for (guint i = 1; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

      if (!iface->up)
        continue;
      for (guint a = 0; a < iface->addresses->len; a++)
        {
          const NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);

          if (address->prefix_len < 31 && (address->addr | ~nfl_prefix_mask (address->prefix_len)) == addr)
            return dev == NULL || dev == iface ? NFL_ADDRTYPE_BROADCAST : NFL_ADDRTYPE_UNICAST;
        }
    }
  return NFL_ADDRTYPE_UNICAST;
}

NflInterface *
nfl_namespace_find_address (NflNamespace *ns,
                            guint32       addr)
{
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      for (guint a = 0; a < iface->addresses->len; a++)
        if (g_array_index (iface->addresses, NflAddress, a).addr == addr)
          return iface;
    }
  return NULL;
}

gboolean
nfl_namespace_add_address (NflNamespace *ns,
                           NflInterface *iface,
                           guint32       addr,
                           guint         prefix_len,
                           GError      **error)
{
  NflAddress address = { addr, prefix_len };

  g_return_val_if_fail (iface->ns == ns, FALSE);

  for (guint a = 0; a < iface->addresses->len; a++)
    {
      NflAddress *old = &g_array_index (iface->addresses, NflAddress, a);
      if (old->addr == addr && old->prefix_len == prefix_len)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                       "RTNETLINK answers: File exists (%s already has this address)", iface->name);
          return FALSE;
        }
    }
  g_array_append_val (iface->addresses, address);
  /* the kernel's first address of an interface pins its settings
   * (ipv4_devconf_setall ()): a later default.rp_filter no longer changes
   * it (observed: fixture 248) */
  if (iface->rp_filter < 0)
    iface->rp_filter = ns->rp_filter_default;
  return TRUE;
}

static gboolean
route_same_key (const NflRoute *a,
                const NflRoute *b)
{
  return a->dst == b->dst && a->prefix_len == b->prefix_len && a->metric == b->metric;
}

gboolean
nfl_namespace_add_route (NflNamespace   *ns,
                         const NflRoute *route,
                         GError        **error)
{
  for (guint i = 0; i < ns->routes->len; i++)
    if (route_same_key (g_ptr_array_index (ns->routes, i), route))
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                     "RTNETLINK answers: File exists (%s already has a route to this destination; "
                     "use ip route replace or delete it first)", ns->name);
        return FALSE;
      }
  g_ptr_array_add (ns->routes, nfl_route_copy (route));
  return TRUE;
}

void
nfl_namespace_set_other_sysctl (NflNamespace *ns,
                                const char   *key,
                                const char   *value)
{
  gsize key_len = strlen (key);

  for (guint i = 0; i < ns->other_sysctls->len; i++)
    {
      const char *kept = g_ptr_array_index (ns->other_sysctls, i);
      if (strncmp (kept, key, key_len) == 0 && kept[key_len] == '=')
        {
          g_ptr_array_remove_index (ns->other_sysctls, i);
          break;
        }
    }
  g_ptr_array_add (ns->other_sysctls, g_strconcat (key, "=", value, NULL));
}

void
nfl_namespace_add_service (NflNamespace     *ns,
                           const NflService *service)
{
  for (guint i = 0; i < ns->services->len; i++)
    {
      NflService *old = &g_array_index (ns->services, NflService, i);
      if (old->proto == service->proto && old->port == service->port &&
          old->has_addr == service->has_addr && old->addr == service->addr)
        return;
    }
  g_array_append_val (ns->services, *service);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_scenario_finalize (GObject *object)
{
  NflScenario *self = (NflScenario *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->namespaces, g_ptr_array_unref);
  g_clear_pointer (&self->host_interfaces, g_ptr_array_unref);
  g_clear_pointer (&self->probes, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_intro, g_free);
  g_clear_pointer (&self->exercises, g_ptr_array_unref);

  G_OBJECT_CLASS (nfl_scenario_parent_class)->finalize (object);
}

static void
nfl_scenario_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NflScenario *self = NFL_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, nfl_scenario_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, nfl_scenario_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_scenario_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NflScenario *self = NFL_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      nfl_scenario_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      nfl_scenario_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_scenario_class_init (NflScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nfl_scenario_finalize;
  object_class->get_property = nfl_scenario_get_property;
  object_class->set_property = nfl_scenario_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nfl_scenario_init (NflScenario *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->namespaces = g_ptr_array_new_with_free_func ((GDestroyNotify) namespace_free);
  self->host_interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) interface_free);
  self->probes = g_ptr_array_new_with_free_func (g_free);
  self->lesson_intro = g_strdup ("");
  self->exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_exercise_free);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflScenario *
nfl_scenario_new (void)
{
  return g_object_new (NFL_TYPE_SCENARIO, NULL);
}

static NflInterface *
copy_interface (const NflInterface *from)
{
  NflInterface *to = g_memdup2 (from, sizeof *from);

  to->name = g_strdup (from->name);
  to->addresses = g_array_copy (from->addresses);
  to->peer = NULL;
  to->master = NULL;
  to->ns = NULL;
  return to;
}

NflScenario *
nfl_scenario_copy (NflScenario *self)
{
  NflScenario *copy;
  g_autoptr(GHashTable) map = NULL;   /* old interface -> new interface */

  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);

  copy = nfl_scenario_new ();
  map = g_hash_table_new (NULL, NULL);
  nfl_scenario_set_title (copy, self->title);
  nfl_scenario_set_description (copy, self->description);
  copy->next_mac = self->next_mac;
  for (guint i = 0; i < self->probes->len; i++)
    g_ptr_array_add (copy->probes, g_strdup (g_ptr_array_index (self->probes, i)));
  g_free (copy->lesson_intro);
  copy->lesson_intro = g_strdup (self->lesson_intro);
  for (guint i = 0; i < self->exercises->len; i++)
    g_ptr_array_add (copy->exercises, nfl_exercise_copy (g_ptr_array_index (self->exercises, i)));

  for (guint i = 0; i < self->namespaces->len; i++)
    {
      NflNamespace *from = g_ptr_array_index (self->namespaces, i);
      NflNamespace *to = g_new0 (NflNamespace, 1);

      to->name = g_strdup (from->name);
      to->notes = g_strdup (from->notes);
      to->x = from->x;
      to->y = from->y;
      to->ip_forward = from->ip_forward;
      to->interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) interface_free);
      to->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_route_free);
      to->services = g_array_copy (from->services);
      to->bridge_nf_call_iptables = from->bridge_nf_call_iptables;
      to->rp_filter_all = from->rp_filter_all;
      to->rp_filter_default = from->rp_filter_default;
      to->other_sysctls = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < from->other_sysctls->len; k++)
        g_ptr_array_add (to->other_sysctls, g_strdup (g_ptr_array_index (from->other_sysctls, k)));
      to->ruleset = nfl_ruleset_copy (from->ruleset);
      for (guint r = 0; r < from->routes->len; r++)
        g_ptr_array_add (to->routes, nfl_route_copy (g_ptr_array_index (from->routes, r)));
      for (guint f = 0; f < from->interfaces->len; f++)
        {
          NflInterface *fi = g_ptr_array_index (from->interfaces, f);
          NflInterface *ti = copy_interface (fi);

          ti->ns = to;
          g_ptr_array_add (to->interfaces, ti);
          g_hash_table_insert (map, fi, ti);
        }
      g_ptr_array_add (copy->namespaces, to);
    }
  for (guint f = 0; f < self->host_interfaces->len; f++)
    {
      NflInterface *fi = g_ptr_array_index (self->host_interfaces, f);
      NflInterface *ti = copy_interface (fi);

      g_ptr_array_add (copy->host_interfaces, ti);
      g_hash_table_insert (map, fi, ti);
    }

  /* relink the veth peers and the bridge ports */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, map);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        NflInterface *fi = key, *ti = value;
        if (fi->peer != NULL)
          ti->peer = g_hash_table_lookup (map, fi->peer);
        if (fi->master != NULL)
          ti->master = g_hash_table_lookup (map, fi->master);
      }
  }
  return copy;
}

/* Makes @self hold what @other holds (used to commit a transaction made
 * on a copy); @other is left empty. */
void
nfl_scenario_take_contents (NflScenario *self,
                            NflScenario *other)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_return_if_fail (NFL_IS_SCENARIO (other));

  g_ptr_array_unref (self->namespaces);
  g_ptr_array_unref (self->host_interfaces);
  self->namespaces = g_steal_pointer (&other->namespaces);
  self->host_interfaces = g_steal_pointer (&other->host_interfaces);
  other->namespaces = g_ptr_array_new_with_free_func ((GDestroyNotify) namespace_free);
  other->host_interfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) interface_free);
  self->next_mac = other->next_mac;
  g_ptr_array_unref (self->probes);
  self->probes = g_steal_pointer (&other->probes);
  other->probes = g_ptr_array_new_with_free_func (g_free);
  g_free (self->lesson_intro);
  self->lesson_intro = g_steal_pointer (&other->lesson_intro);
  other->lesson_intro = g_strdup ("");
  g_ptr_array_unref (self->exercises);
  self->exercises = g_steal_pointer (&other->exercises);
  other->exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_exercise_free);
  nfl_scenario_set_title (self, other->title);
  nfl_scenario_set_description (self, other->description);
  nfl_scenario_changed (self);
}

const char *
nfl_scenario_get_title (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->title;
}

void
nfl_scenario_set_title (NflScenario *self,
                        const char  *title)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
nfl_scenario_get_description (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->description;
}

void
nfl_scenario_set_description (NflScenario *self,
                              const char  *description)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));

  if (description == NULL)
    description = "";
  if (g_strcmp0 (description, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

GPtrArray *
nfl_scenario_get_namespaces (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->namespaces;
}

GPtrArray *
nfl_scenario_get_host_interfaces (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->host_interfaces;
}

NflNamespace *
nfl_scenario_find_namespace (NflScenario *self,
                             const char  *name)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);

  for (guint i = 0; i < self->namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (self->namespaces, i);
      if (strcmp (ns->name, name) == 0)
        return ns;
    }
  return NULL;
}

NflNamespace *
nfl_scenario_add_namespace (NflScenario *self,
                            const char  *name,
                            GError     **error)
{
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);

  if (!nfl_namespace_name_is_valid (name, error))
    return NULL;
  if (nfl_scenario_find_namespace (self, name) != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   "Cannot create namespace file \"/run/netns/%s\": File exists", name);
      return NULL;
    }
  ns = namespace_new (self, name);
  g_ptr_array_add (self->namespaces, ns);
  return ns;
}

gboolean
nfl_scenario_remove_namespace (NflScenario *self,
                               const char  *name,
                               GError     **error)
{
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_SCENARIO (self), FALSE);

  ns = nfl_scenario_find_namespace (self, name);
  if (ns == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   "Cannot remove namespace file \"/run/netns/%s\": No such file or directory", name);
      return FALSE;
    }
  /* deleting a namespace destroys its veth ends, and with them their peers */
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      NflInterface *peer = iface->peer;

      if (peer == NULL)
        continue;
      peer->peer = NULL;
      if (peer->ns != NULL && peer->ns != ns)
        {
          /* the kernel drops the routes through a device that goes away */
          for (guint r = peer->ns->routes->len; r > 0; r--)
            {
              NflRoute *route = g_ptr_array_index (peer->ns->routes, r - 1);
              if (route->dev != NULL && strcmp (route->dev, peer->name) == 0)
                g_ptr_array_remove_index (peer->ns->routes, r - 1);
            }
          g_ptr_array_remove (peer->ns->interfaces, peer);
        }
      else if (peer->ns == NULL)
        g_ptr_array_remove (self->host_interfaces, peer);
    }
  g_ptr_array_remove (self->namespaces, ns);
  return TRUE;
}

static gboolean
name_taken (NflScenario  *self,
            NflNamespace *ns,
            const char   *name)
{
  if (ns != NULL)
    return nfl_namespace_find_interface (ns, name) != NULL;
  return nfl_scenario_find_host_interface (self, name) != NULL;
}

NflInterface *
nfl_scenario_find_host_interface (NflScenario *self,
                                  const char  *name)
{
  for (guint i = 0; i < self->host_interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (self->host_interfaces, i);
      if (strcmp (iface->name, name) == 0)
        return iface;
    }
  return NULL;
}

gboolean
nfl_scenario_add_veth_pair (NflScenario  *self,
                            const char   *name,
                            NflNamespace *ns,
                            const char   *peer_name,
                            NflNamespace *peer_ns,
                            GError      **error)
{
  NflInterface *a, *b;

  g_return_val_if_fail (NFL_IS_SCENARIO (self), FALSE);

  if (!nfl_interface_name_is_valid (name, error) || !nfl_interface_name_is_valid (peer_name, error))
    return FALSE;
  if (name_taken (self, ns, name) ||
      name_taken (self, peer_ns, peer_name) ||
      (ns == peer_ns && strcmp (name, peer_name) == 0))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   "RTNETLINK answers: File exists (an interface of that name is already in %s)",
                   name_taken (self, ns, name) ? (ns ? ns->name : "the host") :
                                                 (peer_ns ? peer_ns->name : "the host"));
      return FALSE;
    }

  a = interface_new (self, name, FALSE);
  b = interface_new (self, peer_name, FALSE);
  a->peer = b;
  b->peer = a;
  a->ns = ns;
  b->ns = peer_ns;
  g_ptr_array_add (ns ? ns->interfaces : self->host_interfaces, a);
  g_ptr_array_add (peer_ns ? peer_ns->interfaces : self->host_interfaces, b);
  return TRUE;
}

NflInterface *
nfl_scenario_add_bridge (NflScenario  *self,
                         const char   *name,
                         NflNamespace *ns,
                         GError      **error)
{
  NflInterface *bridge;

  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);

  if (!nfl_interface_name_is_valid (name, error))
    return NULL;
  if (name_taken (self, ns, name))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   "RTNETLINK answers: File exists (an interface of that name is already in %s)",
                   ns ? ns->name : "the host");
      return NULL;
    }
  bridge = interface_new (self, name, FALSE);
  bridge->is_bridge = TRUE;
  bridge->ns = ns;
  g_ptr_array_add (ns ? ns->interfaces : self->host_interfaces, bridge);
  return bridge;
}

gboolean
nfl_interface_set_master (NflInterface *iface,
                          NflInterface *bridge,
                          GError      **error)
{
  if (bridge == NULL)
    {
      iface->master = NULL;
      return TRUE;
    }
  if (!bridge->is_bridge)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "RTNETLINK answers: Operation not supported (%s is not a bridge)", bridge->name);
      return FALSE;
    }
  if (iface->is_bridge)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "Error: Can not enslave a bridge to a bridge.");
      return FALSE;
    }
  if (iface->is_loopback)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "Error: Can not enslave loopback device.");
      return FALSE;
    }
  if (iface->ns != bridge->ns)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   "Cannot find device \"%s\" (a bridge's ports are in its namespace)", bridge->name);
      return FALSE;
    }
  iface->master = bridge;
  return TRUE;
}

guint
nfl_interface_rp_filter (const NflInterface *iface)
{
  guint own;

  if (iface->ns == NULL)
    return 0;
  own = iface->rp_filter >= 0 ? (guint) iface->rp_filter : iface->ns->rp_filter_default;
  return MAX (own, iface->ns->rp_filter_all);
}

gboolean
nfl_interface_rp_filter_is_own (const NflInterface *iface)
{
  /* pinned at 0 while the default is 0 reads back the same unwritten */
  return iface->rp_filter > 0 || (iface->rp_filter == 0 && iface->ns != NULL && iface->ns->rp_filter_default != 0);
}

char *
nfl_conf_key_dup_which (const char *key,
                        const char *name)
{
  static const char prefix[] = "net.ipv4.conf.";
  gsize len = strlen (key), name_len = strlen (name);

  if (!g_str_has_prefix (key, prefix) || len <= strlen (prefix) + name_len + 1 ||
      key[len - name_len - 1] != '.' || strcmp (key + len - name_len, name) != 0)
    return NULL;
  return g_strndup (key + strlen (prefix), len - strlen (prefix) - name_len - 1);
}

char *
nfl_rp_filter_key_dup_which (const char *key)
{
  return nfl_conf_key_dup_which (key, "rp_filter");
}

char *
nfl_redirect_conf_key_dup_which (const char *key)
{
  static const char *const names[] = { "send_redirects", "accept_redirects", "secure_redirects", "shared_media" };
  char *which = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (names) && which == NULL; k++)
    which = nfl_conf_key_dup_which (key, names[k]);
  return which;
}

int
nfl_namespace_conf_value (NflNamespace *ns,
                          const char   *which,
                          const char   *name,
                          int           builtin)
{
  g_autofree char *key = g_strdup_printf ("net.ipv4.conf.%s.%s=", which, name);
  gsize key_len = strlen (key);

  for (guint i = 0; i < ns->other_sysctls->len; i++)
    {
      const char *kept = g_ptr_array_index (ns->other_sysctls, i);
      if (strncmp (kept, key, key_len) == 0)
        return (int) g_ascii_strtoll (kept + key_len, NULL, 10);
    }
  return builtin;
}

void
nfl_namespace_keep_conf_before_default (NflNamespace *ns,
                                        const char   *name,
                                        int           builtin)
{
  int now = nfl_namespace_conf_value (ns, "default", name, builtin);

  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (iface->addresses->len == 0 || nfl_namespace_conf_value (ns, iface->name, name, G_MININT) != G_MININT)
        continue;
      key = g_strdup_printf ("net.ipv4.conf.%s.%s", iface->name, name);
      value = g_strdup_printf ("%d", now);
      nfl_namespace_set_other_sysctl (ns, key, value);
    }
}

int
nfl_interface_conf_value (const NflInterface *iface,
                          const char         *name,
                          int                 builtin,
                          int                *all)
{
  *all = builtin;
  if (iface->ns == NULL)
    return builtin;
  *all = nfl_namespace_conf_value (iface->ns, "all", name, builtin);
  return nfl_namespace_conf_value (iface->ns, iface->name, name,
                                   nfl_namespace_conf_value (iface->ns, "default", name, builtin));
}

GPtrArray *
nfl_bridge_dup_ports (NflInterface *bridge)
{
  GPtrArray *ports = g_ptr_array_new ();

  if (bridge->ns == NULL)
    return ports;
  for (guint i = 0; i < bridge->ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (bridge->ns->interfaces, i);
      if (iface->master == bridge)
        g_ptr_array_add (ports, iface);
    }
  return ports;
}

gboolean
nfl_scenario_move_interface (NflScenario  *self,
                             NflInterface *iface,
                             NflNamespace *to,
                             GError      **error)
{
  GPtrArray *from_list;

  g_return_val_if_fail (NFL_IS_SCENARIO (self), FALSE);

  if (iface->is_loopback)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "RTNETLINK answers: Invalid argument (lo cannot change namespace)");
      return FALSE;
    }
  if (iface->ns == to)
    return TRUE;
  if (name_taken (self, to, iface->name))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS,
                   "RTNETLINK answers: File exists (%s already has an interface %s)",
                   to ? to->name : "the host", iface->name);
      return FALSE;
    }
  from_list = iface->ns ? iface->ns->interfaces : self->host_interfaces;
  {
    guint index;
    if (g_ptr_array_find (from_list, iface, &index))
      g_ptr_array_steal_index (from_list, index);
  }
  /* moving to another namespace takes the interface down and drops its
   * addresses, and releases it from its bridge (or a bridge's ports from
   * it), as the kernel does */
  iface->up = FALSE;
  iface->master = NULL;
  iface->rp_filter = -1;   /* the new namespace's default */
  for (guint i = 0; i < from_list->len; i++)
    {
      NflInterface *other = g_ptr_array_index (from_list, i);
      if (other->master == iface)
        other->master = NULL;
    }
  g_array_set_size (iface->addresses, 0);
  if (iface->ns != NULL)
    {
      for (guint r = iface->ns->routes->len; r > 0; r--)
        {
          NflRoute *route = g_ptr_array_index (iface->ns->routes, r - 1);
          if (route->dev != NULL && strcmp (route->dev, iface->name) == 0)
            g_ptr_array_remove_index (iface->ns->routes, r - 1);
        }
    }
  iface->ns = to;
  g_ptr_array_add (to ? to->interfaces : self->host_interfaces, iface);
  return TRUE;
}

NflExercise *
nfl_exercise_new (const char *title,
                  const char *text)
{
  NflExercise *exercise = g_new0 (NflExercise, 1);

  exercise->title = g_strdup (title ? title : "");
  exercise->text = g_strdup (text ? text : "");
  return exercise;
}

NflExercise *
nfl_exercise_copy (const NflExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, NULL);
  return nfl_exercise_new (exercise->title, exercise->text);
}

void
nfl_exercise_free (NflExercise *exercise)
{
  if (exercise == NULL)
    return;
  g_free (exercise->title);
  g_free (exercise->text);
  g_free (exercise);
}

GPtrArray *
nfl_scenario_get_probes (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->probes;
}

/* Probes are kept in the simulator's canonical spelling, so that a
 * saved file does not depend on how the probe was typed. */
gboolean
nfl_scenario_add_probe (NflScenario *self,
                        const char  *probe,
                        GError     **error)
{
  NflProbe parsed = { 0 };

  g_return_val_if_fail (NFL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (probe != NULL, FALSE);

  if (!nfl_probe_parse (probe, &parsed, error))
    return FALSE;
  g_ptr_array_add (self->probes, nfl_probe_to_string (&parsed));
  nfl_probe_clear (&parsed);
  return TRUE;
}

void
nfl_scenario_clear_probes (NflScenario *self)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_ptr_array_set_size (self->probes, 0);
}

const char *
nfl_scenario_get_lesson_intro (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->lesson_intro;
}

void
nfl_scenario_set_lesson_intro (NflScenario *self,
                               const char  *intro)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_free (self->lesson_intro);
  self->lesson_intro = g_strdup (intro ? intro : "");
}

GPtrArray *
nfl_scenario_get_exercises (NflScenario *self)
{
  g_return_val_if_fail (NFL_IS_SCENARIO (self), NULL);
  return self->exercises;
}

void
nfl_scenario_add_exercise (NflScenario *self,
                           const char  *title,
                           const char  *text)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_ptr_array_add (self->exercises, nfl_exercise_new (title, text));
}

void
nfl_scenario_clear_exercises (NflScenario *self)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_ptr_array_set_size (self->exercises, 0);
}

/* A MAC address of the scenario's own series (02:6e:66:xx:xx:xx) that a
 * file gave an interface: later interfaces must not get it again. */
void
_nfl_scenario_reserve_mac (NflScenario  *self,
                           const guint8  mac[6])
{
  guint n;

  g_return_if_fail (NFL_IS_SCENARIO (self));

  if (mac[0] != 0x02 || mac[1] != 0x6e || mac[2] != 0x66)
    return;
  n = ((guint) mac[3] << 16) | ((guint) mac[4] << 8) | mac[5];
  self->next_mac = MAX (self->next_mac, n);
}

void
nfl_scenario_changed (NflScenario *self)
{
  g_return_if_fail (NFL_IS_SCENARIO (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
