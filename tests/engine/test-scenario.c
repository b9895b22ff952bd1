/* test-scenario.c: the model of a scenario: namespaces, veth pairs,
 * addresses, routes, services, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

#define IP(a, b, c, d) (((guint32) (a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static NflNamespace *
add_ns (NflScenario *scenario,
        const char  *name)
{
  g_autoptr(GError) error = NULL;
  NflNamespace *ns = nfl_scenario_add_namespace (scenario, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ns);
  return ns;
}

static void
add_pair (NflScenario  *scenario,
          const char   *name,
          NflNamespace *ns,
          const char   *peer_name,
          NflNamespace *peer_ns)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nfl_scenario_add_veth_pair (scenario, name, ns, peer_name, peer_ns, &error));
  g_assert_no_error (error);
}

static NflInterface *
lo_of (NflNamespace *ns)
{
  return g_ptr_array_index (ns->interfaces, 0);
}

static void
count_cb (gpointer  instance,
          gpointer  user_data)
{
  (*(guint *) user_data)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* ---------------------------------------------------------------------- */
/* the object                                                              */
/* ---------------------------------------------------------------------- */

static void
test_new_and_properties (void)
{
  NflScenario *scenario = nfl_scenario_new ();
  guint notified = 0;
  g_autofree char *title = NULL;

  g_assert_cmpstr (nfl_scenario_get_title (scenario), ==, "");
  g_assert_cmpstr (nfl_scenario_get_description (scenario), ==, "");
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 0);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (scenario)->len, ==, 0);

  g_signal_connect (scenario, "notify::title", G_CALLBACK (notify_cb), &notified);
  nfl_scenario_set_title (scenario, "DNAT demo");
  g_assert_cmpuint (notified, ==, 1);
  /* the same value again does not notify */
  nfl_scenario_set_title (scenario, "DNAT demo");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (scenario, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "DNAT demo");
  /* NULL is the empty title */
  nfl_scenario_set_title (scenario, NULL);
  g_assert_cmpstr (nfl_scenario_get_title (scenario), ==, "");
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (scenario, "description", "three namespaces", NULL);
  g_assert_cmpstr (nfl_scenario_get_description (scenario), ==, "three namespaces");

  g_assert_finalize_object (scenario);
}

/* ---------------------------------------------------------------------- */
/* namespaces                                                              */
/* ---------------------------------------------------------------------- */

static void
test_namespace_add (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  NflInterface *lo = lo_of (ns1);

  g_assert_true (nfl_scenario_find_namespace (scenario, "ns1") == ns1);
  g_assert_true (nfl_scenario_find_namespace (scenario, "ns2") == ns2);
  g_assert_null (nfl_scenario_find_namespace (scenario, "ns3"));
  /* in creation order */
  g_assert_true (g_ptr_array_index (nfl_scenario_get_namespaces (scenario), 0) == ns1);
  g_assert_true (g_ptr_array_index (nfl_scenario_get_namespaces (scenario), 1) == ns2);

  /* a new namespace: lo only, down, with 127.0.0.1/8; no forwarding */
  g_assert_cmpstr (ns1->name, ==, "ns1");
  g_assert_cmpuint (ns1->interfaces->len, ==, 1);
  g_assert_cmpstr (lo->name, ==, "lo");
  g_assert_true (lo->is_loopback);
  g_assert_false (lo->up);
  g_assert_null (lo->peer);
  g_assert_true (lo->ns == ns1);
  g_assert_cmpuint (lo->mtu, ==, 65536);
  g_assert_cmpuint (lo->addresses->len, ==, 1);
  g_assert_cmphex (g_array_index (lo->addresses, NflAddress, 0).addr, ==, IP (127, 0, 0, 1));
  g_assert_cmpuint (g_array_index (lo->addresses, NflAddress, 0).prefix_len, ==, 8);
  g_assert_false (ns1->ip_forward);
  g_assert_cmpuint (ns1->routes->len, ==, 0);
  g_assert_cmpuint (ns1->services->len, ==, 0);
  g_assert_nonnull (ns1->ruleset);
  g_assert_cmpuint (nfl_ruleset_count_rules (ns1->ruleset), ==, 0);
  /* each namespace has its own lo and its own tables */
  g_assert_true (lo_of (ns2) != lo);
  g_assert_true (ns2->ruleset != ns1->ruleset);
  g_assert_true (nfl_namespace_find_interface (ns1, "lo") == lo);
  g_assert_true (nfl_namespace_find_address (ns1, IP (127, 0, 0, 1)) == lo);
}

static void
test_namespace_refusals (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  static const char *bad[] = { "", ".", "..", "a/b", "a b", "ns\t1" };

  add_ns (scenario, "ns1");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (nfl_scenario_add_namespace (scenario, bad[i], &error));
      g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (nfl_scenario_add_namespace (scenario, "ns1", &error));
    g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "/run/netns/ns1"));
    g_assert_nonnull (strstr (error->message, "File exists"));
  }
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 1);
}

static void
test_namespace_remove (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  g_autoptr(GError) error = NULL;

  add_pair (scenario, "veth1_ns1", ns1, "veth1_ns2", ns2);
  add_pair (scenario, "h0", NULL, "h0_ns1", ns1);
  g_assert_cmpuint (ns2->interfaces->len, ==, 2);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (scenario)->len, ==, 1);

  g_assert_false (nfl_scenario_remove_namespace (scenario, "ns9", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 2);

  /* deleting a namespace destroys its veth ends, and so their peers */
  g_assert_true (nfl_scenario_remove_namespace (scenario, "ns1", NULL));
  g_assert_null (nfl_scenario_find_namespace (scenario, "ns1"));
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 1);
  g_assert_null (nfl_namespace_find_interface (ns2, "veth1_ns2"));
  g_assert_cmpuint (ns2->interfaces->len, ==, 1);
  g_assert_null (nfl_scenario_find_host_interface (scenario, "h0"));
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (scenario)->len, ==, 0);
}

static void
test_namespace_remove_routes (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  const char *link =
    "ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2\n"
    "ip netns exec ns2 ip link set veth1_ns2 up\n"
    "ip netns exec ns2 ip route add 10.1.0.0/24 dev veth1_ns2\n";
  g_autofree char *first = g_strconcat ("ip netns add ns1\nip netns add ns2\n", link, NULL);
  g_autofree char *again = g_strconcat ("ip netns add ns1\n", link, NULL);
  NflNamespace *ns2;

  g_assert_true (nfl_commands_apply (scenario, first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_scenario_find_namespace (scenario, "ns2")->routes->len, ==, 1);

  /* "ip netns del ns1" destroys veth1_ns1 and with it veth1_ns2; the
   * kernel flushes the routes through a device that goes away (as
   * nfl_scenario_move_interface() does when a device leaves) */
  g_assert_true (nfl_scenario_remove_namespace (scenario, "ns1", NULL));
  ns2 = nfl_scenario_find_namespace (scenario, "ns2");
  g_assert_null (nfl_namespace_find_interface (ns2, "veth1_ns2"));
  g_assert_cmpuint (ns2->routes->len, ==, 0);
  /* so making the link and the route again works */
  g_assert_true (nfl_commands_apply (scenario, again, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* interfaces                                                              */
/* ---------------------------------------------------------------------- */

static void
test_veth_pair (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  NflInterface *a, *b, *c;

  add_pair (scenario, "veth1_ns1", ns1, "veth1_ns2", ns2);
  a = nfl_namespace_find_interface (ns1, "veth1_ns1");
  b = nfl_namespace_find_interface (ns2, "veth1_ns2");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* lo stays first */
  g_assert_true (g_ptr_array_index (ns1->interfaces, 1) == a);
  g_assert_true (a->peer == b);
  g_assert_true (b->peer == a);
  g_assert_true (a->ns == ns1);
  g_assert_true (b->ns == ns2);
  /* a new veth is down, without addresses, with the default MTU */
  g_assert_false (a->up);
  g_assert_false (a->is_loopback);
  g_assert_cmpuint (a->mtu, ==, 1500);
  g_assert_cmpuint (a->addresses->len, ==, 0);
  /* locally administered unicast MACs, different for each end */
  g_assert_cmpuint (a->mac[0] & 0x03, ==, 0x02);
  g_assert_cmpuint (b->mac[0] & 0x03, ==, 0x02);
  g_assert_cmpint (memcmp (a->mac, b->mac, 6), !=, 0);

  /* names are per namespace: the same name in another one is fine */
  add_pair (scenario, "eth0", ns1, "eth0", ns2);
  c = nfl_namespace_find_interface (ns2, "eth0");
  g_assert_true (c->peer == nfl_namespace_find_interface (ns1, "eth0"));
  g_assert_cmpint (memcmp (c->mac, c->peer->mac, 6), !=, 0);
  g_assert_cmpint (memcmp (c->mac, a->mac, 6), !=, 0);
  /* both ends in one namespace */
  add_pair (scenario, "x0", ns1, "x1", ns1);
  g_assert_true (nfl_namespace_find_interface (ns1, "x0")->peer == nfl_namespace_find_interface (ns1, "x1"));
  g_assert_cmpuint (ns1->interfaces->len, ==, 5);
}

static void
test_veth_refusals (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  static const struct { const char *a, *b; int same_ns; NflFormatError code; } cases[] = {
    { "veth0", "peer0", 0, NFL_FORMAT_ERROR_EXISTS },                 /* veth0 is in ns1 already */
    { "new0", "peer0", 0, NFL_FORMAT_ERROR_EXISTS },                  /* peer0 is in ns2 already */
    { "lo", "other", 0, NFL_FORMAT_ERROR_EXISTS },
    { "same", "same", 1, NFL_FORMAT_ERROR_EXISTS },
    { "averyveryverylongname", "p", 0, NFL_FORMAT_ERROR_INVALID },
    { "ok0", "abcdefghijklmnop", 0, NFL_FORMAT_ERROR_INVALID },        /* 16 bytes */
    { "a/b", "p", 0, NFL_FORMAT_ERROR_INVALID },
    { "a b", "p", 0, NFL_FORMAT_ERROR_INVALID },
    { "", "p", 0, NFL_FORMAT_ERROR_INVALID },
    { "..", "p", 0, NFL_FORMAT_ERROR_INVALID },
  };

  add_pair (scenario, "veth0", ns1, "peer0", ns2);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      if (nfl_scenario_add_veth_pair (scenario, cases[i].a, ns1, cases[i].b,
                                      cases[i].same_ns ? ns1 : ns2, &error))
        g_error ("veth pair %s/%s was accepted", cases[i].a, cases[i].b);
      g_assert_error (error, NFL_FORMAT_ERROR, cases[i].code);
      /* nothing half made */
      g_assert_cmpuint (ns1->interfaces->len, ==, 2);
      g_assert_cmpuint (ns2->interfaces->len, ==, 2);
    }
  /* the 15-byte limit itself is fine */
  add_pair (scenario, "abcdefghijklmno", ns1, "p", ns2);
}

static void
test_host_interfaces_and_move (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  NflInterface *h0, *h1;
  g_autoptr(GError) error = NULL;
  NflRoute route = { .type = NFL_ROUTE_UNICAST, .dst = IP (10, 9, 0, 0), .prefix_len = 16, .dev = (char *) "h0" };

  /* "ip link add h0 type veth peer name h1": both ends in the host */
  add_pair (scenario, "h0", NULL, "h1", NULL);
  h0 = nfl_scenario_find_host_interface (scenario, "h0");
  h1 = nfl_scenario_find_host_interface (scenario, "h1");
  g_assert_nonnull (h0);
  g_assert_null (h0->ns);
  g_assert_true (h0->peer == h1);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (scenario)->len, ==, 2);

  /* "ip link set h0 netns ns1" */
  g_assert_true (nfl_scenario_move_interface (scenario, h0, ns1, &error));
  g_assert_no_error (error);
  g_assert_true (h0->ns == ns1);
  g_assert_true (nfl_namespace_find_interface (ns1, "h0") == h0);
  g_assert_null (nfl_scenario_find_host_interface (scenario, "h0"));
  g_assert_true (h0->peer == h1);
  /* moving to where it is changes nothing */
  g_assert_true (nfl_scenario_move_interface (scenario, h0, ns1, NULL));
  g_assert_cmpuint (ns1->interfaces->len, ==, 2);

  /* moving takes it down and drops its addresses and routes, as the
   * kernel does */
  h0->up = TRUE;
  g_assert_true (nfl_namespace_add_address (ns1, h0, IP (10, 9, 0, 1), 16, NULL));
  g_assert_true (nfl_namespace_add_route (ns1, &route, NULL));
  g_assert_true (nfl_scenario_move_interface (scenario, h0, ns2, NULL));
  g_assert_false (h0->up);
  g_assert_cmpuint (h0->addresses->len, ==, 0);
  g_assert_cmpuint (ns1->routes->len, ==, 0);
  g_assert_null (nfl_namespace_find_interface (ns1, "h0"));
  g_assert_true (nfl_namespace_find_interface (ns2, "h0") == h0);

  /* lo never moves; a name that is taken there refuses */
  g_assert_false (nfl_scenario_move_interface (scenario, lo_of (ns1), ns2, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  add_pair (scenario, "h1", ns1, "other", ns1);
  g_assert_false (nfl_scenario_move_interface (scenario, h1, ns1, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  g_assert_true (nfl_scenario_find_host_interface (scenario, "h1") == h1);
}

/* ---------------------------------------------------------------------- */
/* addresses, routes, services                                             */
/* ---------------------------------------------------------------------- */

static void
test_addresses (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflNamespace *ns2 = add_ns (scenario, "ns2");
  NflInterface *a;
  g_autoptr(GError) error = NULL;

  add_pair (scenario, "veth1_ns1", ns1, "veth1_ns2", ns2);
  a = nfl_namespace_find_interface (ns1, "veth1_ns1");
  g_assert_true (nfl_namespace_add_address (ns1, a, IP (10, 1, 0, 10), 24, &error));
  g_assert_true (nfl_namespace_add_address (ns1, a, IP (10, 1, 1, 10), 32, &error));
  /* the same address with another prefix is another address */
  g_assert_true (nfl_namespace_add_address (ns1, a, IP (10, 1, 0, 10), 16, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a->addresses->len, ==, 3);
  /* in the order they were added */
  g_assert_cmphex (g_array_index (a->addresses, NflAddress, 0).addr, ==, IP (10, 1, 0, 10));
  g_assert_cmpuint (g_array_index (a->addresses, NflAddress, 0).prefix_len, ==, 24);
  g_assert_cmpuint (g_array_index (a->addresses, NflAddress, 2).prefix_len, ==, 16);

  g_assert_false (nfl_namespace_add_address (ns1, a, IP (10, 1, 0, 10), 24, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  g_assert_cmpuint (a->addresses->len, ==, 3);
  g_clear_error (&error);

  g_assert_true (nfl_namespace_find_address (ns1, IP (10, 1, 1, 10)) == a);
  g_assert_null (nfl_namespace_find_address (ns1, IP (10, 1, 0, 11)));
  /* addresses are per namespace */
  g_assert_null (nfl_namespace_find_address (ns2, IP (10, 1, 0, 10)));

  /* an interface of another namespace is a programming error */
  g_test_expect_message ("NflEngine", G_LOG_LEVEL_CRITICAL, "*iface->ns == ns*");
  g_assert_false (nfl_namespace_add_address (ns2, a, IP (10, 1, 0, 20), 24, NULL));
  g_test_assert_expected_messages ();
}

static NflScenario *
two_hosts (guint    len,
           gboolean up)
{
  NflScenario *scenario = nfl_scenario_new ();
  NflNamespace *a = add_ns (scenario, "a");
  NflNamespace *b = add_ns (scenario, "b");
  NflInterface *ea, *eb;

  add_pair (scenario, "eth0", a, "eth0", b);
  ea = nfl_namespace_find_interface (a, "eth0");
  eb = nfl_namespace_find_interface (b, "eth0");
  ea->up = up;
  eb->up = TRUE;
  g_assert_true (nfl_namespace_add_address (a, ea, IP (192, 168, 5, 1), len, NULL));
  g_assert_true (nfl_namespace_add_address (b, eb, IP (192, 168, 5, 2), len, NULL));
  return scenario;
}

static char *
ping_outcome (NflScenario *scenario,
              const char  *probe_text)
{
  NflProbe probe = { 0 };
  g_autoptr(NflTrace) trace = NULL;

  g_assert_true (nfl_probe_parse (probe_text, &probe, NULL));
  trace = nfl_simulate (scenario, &probe, NULL);
  nfl_probe_clear (&probe);
  g_assert_nonnull (trace);
  return g_strdup (nfl_trace_get_outcome (trace));
}

static void
test_connected_routes (void)
{
  g_autoptr(NflScenario) lan = two_hosts (24, TRUE);
  g_autoptr(NflScenario) hosts = two_hosts (32, TRUE);
  g_autoptr(NflScenario) down = two_hosts (24, FALSE);
  g_autofree char *lan_outcome = ping_outcome (lan, "a ping 192.168.5.2");
  g_autofree char *outside = ping_outcome (lan, "a ping 192.168.6.2");
  g_autofree char *host_outcome = ping_outcome (hosts, "a ping 192.168.5.2");
  g_autofree char *down_outcome = ping_outcome (down, "a ping 192.168.5.2");

  /* a /24 address brings its subnet's route, with no "ip route add" */
  g_assert_cmpuint (nfl_scenario_find_namespace (lan, "a")->routes->len, ==, 0);
  g_assert_cmpstr (lan_outcome, ==, "reply received");
  g_assert_cmpstr (outside, ==, "send error: Network is unreachable");
  /* a /32 address brings none */
  g_assert_cmpstr (host_outcome, ==, "send error: Network is unreachable");
  /* nor does an address on a device that is down */
  g_assert_cmpstr (down_outcome, ==, "send error: Network is unreachable");
}

static void
test_routes (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  g_autoptr(GError) error = NULL;
  g_autofree char *dev = g_strdup ("veth1_ns1");
  NflRoute route = { .type = NFL_ROUTE_UNICAST, .dst = 0, .prefix_len = 0, .has_via = TRUE,
                     .via = IP (10, 1, 0, 1), .dev = dev };
  NflRoute *stored, *copy;

  add_pair (scenario, "veth1_ns1", ns1, "peer", ns1);
  g_assert_true (nfl_namespace_add_route (ns1, &route, &error));
  g_assert_no_error (error);
  stored = g_ptr_array_index (ns1->routes, 0);
  /* the namespace keeps its own copy */
  g_assert_true (stored != &route);
  g_assert_true (stored->dev != dev);
  g_clear_pointer (&dev, g_free);
  route.dev = NULL;
  g_assert_cmpstr (stored->dev, ==, "veth1_ns1");
  g_assert_cmphex (stored->via, ==, IP (10, 1, 0, 1));

  /* one route per destination and metric */
  route.dev = (char *) "peer";
  g_assert_false (nfl_namespace_add_route (ns1, &route, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  g_clear_error (&error);
  route.metric = 100;
  g_assert_true (nfl_namespace_add_route (ns1, &route, NULL));
  route.metric = 0;
  route.dst = IP (10, 2, 0, 0);
  route.prefix_len = 16;
  route.type = NFL_ROUTE_BLACKHOLE;
  route.has_via = FALSE;
  route.dev = NULL;
  g_assert_true (nfl_namespace_add_route (ns1, &route, NULL));
  g_assert_cmpuint (ns1->routes->len, ==, 3);
  g_assert_null (((NflRoute *) g_ptr_array_index (ns1->routes, 2))->dev);

  copy = nfl_route_copy (stored);
  g_assert_true (copy->dev != stored->dev);
  g_assert_cmpstr (copy->dev, ==, stored->dev);
  g_assert_cmpuint (copy->prefix_len, ==, stored->prefix_len);
  nfl_route_free (copy);
  nfl_route_free (NULL);
}

static void
test_services (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflNamespace *ns1 = add_ns (scenario, "ns1");
  NflService ssh = { .proto = NFL_PROTO_TCP, .port = 22 };
  NflService dns = { .proto = NFL_PROTO_UDP, .port = 53 };
  NflService bound = { .proto = NFL_PROTO_TCP, .port = 22, .has_addr = TRUE, .addr = IP (10, 1, 0, 10) };
  g_autoptr(GError) error = NULL;

  nfl_namespace_add_service (ns1, &ssh);
  nfl_namespace_add_service (ns1, &dns);
  nfl_namespace_add_service (ns1, &bound);
  g_assert_cmpuint (ns1->services->len, ==, 3);
  /* the same listener twice is one listener */
  nfl_namespace_add_service (ns1, &ssh);
  g_assert_cmpuint (ns1->services->len, ==, 3);
  g_assert_cmpuint (g_array_index (ns1->services, NflService, 1).proto, ==, NFL_PROTO_UDP);
  g_assert_cmpuint (g_array_index (ns1->services, NflService, 1).port, ==, 53);

  /* the oracle's listen lines */
  g_assert_true (nfl_commands_add_listen (scenario, "ns1 tcp 8080", &error));
  g_assert_true (nfl_commands_add_listen (scenario, "ns1 udp 5353 10.1.0.10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ns1->services->len, ==, 5);
  g_assert_true (g_array_index (ns1->services, NflService, 4).has_addr);
  g_assert_cmphex (g_array_index (ns1->services, NflService, 4).addr, ==, IP (10, 1, 0, 10));
  g_assert_false (nfl_commands_add_listen (scenario, "ns9 tcp 80", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (ns1->services->len, ==, 5);
}

/* ---------------------------------------------------------------------- */
/* copies                                                                  */
/* ---------------------------------------------------------------------- */

static const char *setup =
  "ip netns add ns1\n"
  "ip netns add ns2\n"
  "ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2\n"
  "ip link add h0 type veth peer name h1\n"
  "ip netns exec ns1 ip link set veth1_ns1 up\n"
  "ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1\n"
  "ip netns exec ns1 ip route add default via 10.1.0.1\n"
  "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1\n"
  "ip netns exec ns2 iptables -A FORWARD -p tcp --dport 22 -j ACCEPT\n";

static void
test_copy (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflScenario) copy = NULL;
  g_autoptr(GError) error = NULL;
  NflNamespace *ns1, *ns2, *c1, *c2;
  NflInterface *ca, *cb;
  g_autofree char *rules = NULL, *copied_rules = NULL, *later = NULL;

  g_assert_true (nfl_commands_apply (scenario, setup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_commands_add_listen (scenario, "ns1 tcp 22", NULL));
  nfl_scenario_set_title (scenario, "copy me");
  ns1 = nfl_scenario_find_namespace (scenario, "ns1");
  ns2 = nfl_scenario_find_namespace (scenario, "ns2");
  ns1->x = 12.5;
  g_free (ns1->notes);
  ns1->notes = g_strdup ("client");

  copy = nfl_scenario_copy (scenario);
  g_assert_cmpstr (nfl_scenario_get_title (copy), ==, "copy me");
  c1 = nfl_scenario_find_namespace (copy, "ns1");
  c2 = nfl_scenario_find_namespace (copy, "ns2");
  g_assert_true (c1 != ns1);
  g_assert_cmpstr (c1->notes, ==, "client");
  g_assert_cmpfloat (c1->x, ==, 12.5);
  g_assert_true (c2->ip_forward);
  g_assert_cmpuint (c1->routes->len, ==, 1);
  g_assert_cmpuint (c1->services->len, ==, 1);

  /* the peers are the copy's own interfaces, in the copy's namespaces */
  ca = nfl_namespace_find_interface (c1, "veth1_ns1");
  cb = nfl_namespace_find_interface (c2, "veth1_ns2");
  g_assert_true (ca != nfl_namespace_find_interface (ns1, "veth1_ns1"));
  g_assert_true (ca->peer == cb);
  g_assert_true (cb->peer == ca);
  g_assert_true (ca->ns == c1);
  g_assert_true (lo_of (c1)->ns == c1);
  g_assert_true (ca->up);
  g_assert_cmpint (memcmp (ca->mac, nfl_namespace_find_interface (ns1, "veth1_ns1")->mac, 6), ==, 0);
  g_assert_cmpuint (ca->addresses->len, ==, 1);
  g_assert_true (nfl_scenario_find_host_interface (copy, "h0")->peer ==
                 nfl_scenario_find_host_interface (copy, "h1"));
  g_assert_true (nfl_scenario_find_host_interface (copy, "h0") !=
                 nfl_scenario_find_host_interface (scenario, "h0"));

  rules = nfl_iptables_save (ns2->ruleset, TRUE);
  copied_rules = nfl_iptables_save (c2->ruleset, TRUE);
  g_assert_cmpstr (copied_rules, ==, rules);
  g_assert_true (c2->ruleset != ns2->ruleset);

  /* changing the copy leaves the original alone */
  g_assert_true (nfl_commands_apply (copy,
                                     "ip netns exec ns2 iptables -F\n"
                                     "ip netns exec ns1 ip addr add 10.1.0.11/24 dev veth1_ns1\n"
                                     "ip netns add ns3\n",
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  nfl_scenario_set_title (copy, "changed");
  later = nfl_iptables_save (ns2->ruleset, TRUE);
  g_assert_cmpstr (later, ==, rules);
  g_assert_cmpuint (nfl_namespace_find_interface (ns1, "veth1_ns1")->addresses->len, ==, 1);
  g_assert_null (nfl_scenario_find_namespace (scenario, "ns3"));
  g_assert_cmpstr (nfl_scenario_get_title (scenario), ==, "copy me");

  /* the copy makes new MACs that do not clash with the original's (the
   * commands replaced the copy's namespaces: look them up again) */
  c1 = nfl_scenario_find_namespace (copy, "ns1");
  c2 = nfl_scenario_find_namespace (copy, "ns2");
  add_pair (copy, "n0", c1, "n1", c2);
  for (guint i = 0; i < ns1->interfaces->len; i++)
    g_assert_cmpint (memcmp (nfl_namespace_find_interface (c1, "n0")->mac,
                             ((NflInterface *) g_ptr_array_index (ns1->interfaces, i))->mac, 6), !=, 0);
}

static void
test_take_contents (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflScenario) other = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflNamespace *moved;
  guint changed = 0;

  add_ns (scenario, "old");
  g_assert_true (nfl_commands_apply (other, setup, NULL, NULL, NULL, &error));
  nfl_scenario_set_title (other, "new title");
  moved = nfl_scenario_find_namespace (other, "ns1");
  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);

  nfl_scenario_take_contents (scenario, other);
  /* self now holds what other held: the same namespaces, not copies */
  g_assert_null (nfl_scenario_find_namespace (scenario, "old"));
  g_assert_true (nfl_scenario_find_namespace (scenario, "ns1") == moved);
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 2);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (scenario)->len, ==, 2);
  g_assert_cmpstr (nfl_scenario_get_title (scenario), ==, "new title");
  g_assert_cmpuint (changed, ==, 1);
  /* and other is empty, but usable */
  g_assert_cmpuint (nfl_scenario_get_namespaces (other)->len, ==, 0);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (other)->len, ==, 0);
  add_ns (other, "again");
  g_assert_cmpuint (nfl_scenario_get_namespaces (other)->len, ==, 1);
  g_assert_null (nfl_scenario_find_namespace (scenario, "again"));

  /* "changed" is also what nfl_scenario_changed emits */
  nfl_scenario_changed (scenario);
  g_assert_cmpuint (changed, ==, 2);
}

/* The route types the addrtype match sees, as `ip route show table
 * local` showed them on the kernel (kernel fixtures 186-194). */
static void
test_address_type (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflNamespace *ns;
  NflInterface *va, *lo;
  static const struct { const char *addr; const char *dev; NflAddrType type; } cases[] = {
    { "10.1.0.1", NULL, NFL_ADDRTYPE_LOCAL },
    { "10.1.0.1", "va", NFL_ADDRTYPE_LOCAL },
    { "10.1.0.1", "vb", NFL_ADDRTYPE_UNICAST },     /* its local route is on va */
    { "10.1.0.255", NULL, NFL_ADDRTYPE_BROADCAST },
    { "10.1.0.255", "vb", NFL_ADDRTYPE_UNICAST },
    { "10.1.0.0", NULL, NFL_ADDRTYPE_UNICAST },     /* no broadcast route for the network */
    { "10.1.0.7", NULL, NFL_ADDRTYPE_UNICAST },
    { "10.3.0.1", NULL, NFL_ADDRTYPE_LOCAL },       /* on vc, which is down: still local */
    { "10.3.0.255", NULL, NFL_ADDRTYPE_UNICAST },   /* ... but its broadcast route is gone */
    { "10.4.0.1", "vb", NFL_ADDRTYPE_LOCAL },
    { "10.4.0.3", NULL, NFL_ADDRTYPE_BROADCAST },   /* /30 */
    { "10.5.0.1", NULL, NFL_ADDRTYPE_UNICAST },     /* /31: none */
    { "10.9.0.5", NULL, NFL_ADDRTYPE_UNICAST },     /* behind a blackhole route */
    { "127.0.0.1", NULL, NFL_ADDRTYPE_LOCAL },
    { "127.3.4.5", "lo", NFL_ADDRTYPE_LOCAL },
    { "127.0.0.1", "va", NFL_ADDRTYPE_UNICAST },
    { "127.255.255.255", NULL, NFL_ADDRTYPE_BROADCAST },
    { "255.255.255.255", "va", NFL_ADDRTYPE_BROADCAST },
    { "0.0.0.0", NULL, NFL_ADDRTYPE_BROADCAST },
    { "0.1.2.3", NULL, NFL_ADDRTYPE_BROADCAST },
    { "224.0.0.1", NULL, NFL_ADDRTYPE_MULTICAST },
    { "239.255.255.255", "vb", NFL_ADDRTYPE_MULTICAST },
  };

  g_assert_true (nfl_commands_apply (scenario,
                                     "ip netns add ns1\n"
                                     "ip link add va netns ns1 type veth peer name vb netns ns1\n"
                                     "ip link add vc netns ns1 type veth peer name vd netns ns1\n"
                                     "ip -n ns1 link set lo up\n"
                                     "ip -n ns1 link set va up\n"
                                     "ip -n ns1 link set vb up\n"
                                     "ip -n ns1 addr add 10.1.0.1/24 dev va\n"
                                     "ip -n ns1 addr add 10.3.0.1/24 dev vc\n"
                                     "ip -n ns1 addr add 10.4.0.1/30 dev vb\n"
                                     "ip -n ns1 addr add 10.5.0.0/31 dev vb\n"
                                     "ip -n ns1 route add blackhole 10.9.0.0/24\n",
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ns = nfl_scenario_find_namespace (scenario, "ns1");
  va = nfl_namespace_find_interface (ns, "va");
  lo = nfl_namespace_find_interface (ns, "lo");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 addr;
      NflInterface *dev = cases[i].dev == NULL ? NULL : nfl_namespace_find_interface (ns, cases[i].dev);

      g_assert_true (nfl_ipv4_parse (cases[i].addr, &addr));
      g_assert_true (cases[i].dev == NULL || dev != NULL);
      if (nfl_namespace_address_type (ns, addr, dev) != cases[i].type)
        g_error ("%s (dev %s): %s, not %s", cases[i].addr, cases[i].dev ? cases[i].dev : "none",
                 nfl_addrtype_name (nfl_namespace_address_type (ns, addr, dev)), nfl_addrtype_name (cases[i].type));
    }
  g_assert_cmpstr (nfl_addrtype_name (NFL_ADDRTYPE_XRESOLVE), ==, "XRESOLVE");

  /* lo down: no 127.0.0.0/8 route at all; an interface down: no broadcast */
  lo->up = FALSE;
  va->up = FALSE;
  g_assert_cmpint (nfl_namespace_address_type (ns, 0x7f000001, NULL), ==, NFL_ADDRTYPE_UNICAST);
  g_assert_cmpint (nfl_namespace_address_type (ns, 0x0a0100ff, NULL), ==, NFL_ADDRTYPE_UNICAST);
  g_assert_cmpint (nfl_namespace_address_type (ns, 0x0a010001, va), ==, NFL_ADDRTYPE_LOCAL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/scenario/new-and-properties", test_new_and_properties);
  g_test_add_func ("/nfl/engine/scenario/namespace/add", test_namespace_add);
  g_test_add_func ("/nfl/engine/scenario/namespace/refusals", test_namespace_refusals);
  g_test_add_func ("/nfl/engine/scenario/namespace/remove", test_namespace_remove);
  g_test_add_func ("/nfl/engine/scenario/namespace/remove-routes", test_namespace_remove_routes);
  g_test_add_func ("/nfl/engine/scenario/veth/pair", test_veth_pair);
  g_test_add_func ("/nfl/engine/scenario/veth/refusals", test_veth_refusals);
  g_test_add_func ("/nfl/engine/scenario/veth/host-and-move", test_host_interfaces_and_move);
  g_test_add_func ("/nfl/engine/scenario/addresses", test_addresses);
  g_test_add_func ("/nfl/engine/scenario/connected-routes", test_connected_routes);
  g_test_add_func ("/nfl/engine/scenario/routes", test_routes);
  g_test_add_func ("/nfl/engine/scenario/services", test_services);
  g_test_add_func ("/nfl/engine/scenario/copy", test_copy);
  g_test_add_func ("/nfl/engine/scenario/take-contents", test_take_contents);
  g_test_add_func ("/nfl/engine/scenario/address-type", test_address_type);

  return g_test_run ();
}
