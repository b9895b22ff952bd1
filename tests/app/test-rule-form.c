/* test-rule-form.c: the rule form makes the rules the console makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case fills the form's fields as a user does (found by the keys
 * the form gives them, see the top of nfl-rule-form.c), reads the live
 * command, applies it, and then types the same rule into the console
 * path of the same document: the rule the chain holds and the command
 * text must be the same both ways, and the form's edit must be one undo
 * step that restores the chain exactly.
 */
#include "config.h"

#include <string.h>

#include "nfl-application.h"
#include "nfl-rule-form.h"
#include "nfl-test-app.h"
#include "nfl-window-private.h"

static NflApplication *app;

typedef struct {
  NflWindow   *window;
  NflDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = nfl_test_open_demo_window (app);
  f->document = nfl_window_get_document (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nfl_document_set_modified (f->document, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  nfl_test_spin (50);
}

/* ---------------------------------------------------------------------- */
/* the form's fields                                                       */
/* ---------------------------------------------------------------------- */

static GtkWidget *
field (NflRuleForm *form,
       const char  *key)
{
  GtkWidget *widget = nfl_test_find_keyed (GTK_WIDGET (form), key);

  if (widget == NULL)
    g_error ("the form has no field “%s”", key);
  return widget;
}

/* the words a combo row offers */
static GPtrArray *
combo_values (NflRuleForm *form,
              const char  *key)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (field (form, key)), "nfl-values");

  g_assert_nonnull (values);
  return values;
}

static gboolean
offers (NflRuleForm *form,
        const char  *key,
        const char  *value)
{
  GPtrArray *values = combo_values (form, key);

  for (guint i = 0; i < values->len; i++)
    if (strcmp (g_ptr_array_index (values, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* "KEY=VALUE": the text of an entry, the word of a combo row's item, or
 * "on" for a switch, check button, "!" toggle or expander */
static void
set_field (NflRuleForm *form,
           const char  *setting)
{
  g_auto(GStrv) parts = g_strsplit (setting, "=", 2);
  GtkWidget *widget = field (form, parts[0]);
  const char *value = parts[1];
  gboolean on = g_strcmp0 (value, "on") == 0;

  g_assert_nonnull (value);
  if (ADW_IS_COMBO_ROW (widget))
    {
      GPtrArray *values = combo_values (form, parts[0]);
      guint i;

      for (i = 0; i < values->len; i++)
        if (strcmp (g_ptr_array_index (values, i), value) == 0)
          break;
      if (i == values->len)
        g_error ("field “%s” does not offer “%s”", parts[0], value);
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
    }
  else if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), on);
  else if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), on);
  else if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), on);
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), on);
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), value);
  else
    g_error ("field “%s” is a %s", parts[0], G_OBJECT_TYPE_NAME (widget));
}

static const char *
entry_text (NflRuleForm *form,
            const char  *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (form, key)));
}

static const char *
combo_word (NflRuleForm *form,
            const char  *key)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field (form, key)));

  return g_ptr_array_index (combo_values (form, key), selected);
}

static GtkWidget *
template_child (NflRuleForm *form,
                const char  *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form), NFL_TYPE_RULE_FORM, name));
}

static gboolean
can_apply (NflRuleForm *form)
{
  return gtk_widget_is_sensitive (template_child (form, "apply_button"));
}

/* the text of the message row under field @key, or NULL when it shows none */
static const char *
field_message (NflRuleForm *form,
               const char  *key)
{
  g_autofree char *message_key = g_strdup_printf ("%s:message", key);
  GtkWidget *row = nfl_test_find_keyed (GTK_WIDGET (form), message_key);

  if (row == NULL || !gtk_widget_get_visible (row))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Presses Add (or Save) as Ctrl+Return and the button do; TRUE when the
 * dialog closed. */
static gboolean
apply (NflRuleForm *form)
{
  GtkWidget *weak = GTK_WIDGET (form);

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "rule-form.apply", NULL));
  nfl_test_spin (20);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (form), (gpointer *) &weak);
  return weak == NULL;
}

/* ---------------------------------------------------------------------- */
/* the engine's side                                                       */
/* ---------------------------------------------------------------------- */

static NflChain *
chain_of (Fixture    *f,
          NflTableId  table,
          const char *chain)
{
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (f->document), "ns2");
  NflChain *found = nfl_ruleset_find_chain (ns->ruleset, table, chain);

  g_assert_nonnull (found);
  return found;
}

/* iptables -S of the chain */
static char *
chain_spec (Fixture    *f,
            NflTableId  table,
            const char *chain)
{
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (f->document), "ns2");
  GString *out = g_string_new (NULL);

  nfl_iptables_list_rules (ns->ruleset, table, chain, 0, FALSE, out);
  return g_string_free (out, FALSE);
}

/* the command as the engine writes it back: what the form must show */
static char *
canonical (const char *command)
{
  NflRuleCommand parsed = { 0 };
  g_autoptr(GError) error = NULL;
  char *text;

  if (!nfl_iptables_parse_rule_command (command, &parsed, NULL, NULL, &error))
    g_error ("“%s”: %s", command, error->message);
  text = nfl_rule_command_to_string (&parsed);
  nfl_rule_command_clear (&parsed);
  return text;
}

static void
run (Fixture    *f,
     const char *commands)
{
  g_autoptr(GError) error = NULL;

  if (!nfl_document_run_commands (f->document, "ns2", commands, NULL, NULL, &error))
    g_error ("“%s”: %s", commands, error->message);
}

/* ---------------------------------------------------------------------- */
/* every match and target                                                  */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *name;
  NflTableId  table;
  const char *chain;
  const char *setup;          /* console commands run first, or NULL */
  const char *fields[12];     /* "KEY=VALUE", in the order a user fills them */
  const char *command;        /* what a user types into the console */
  gboolean    read_back;      /* the rule edited again shows every field as filled */
} FormCase;

static const FormCase form_cases[] = {
  { "source-negated-tcp-dport", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "source=10.1.0.0/24", "source:not=on", "dport=22", "target=ACCEPT" },
    "iptables -A INPUT ! -s 10.1.0.0/24 -p tcp --dport 22 -j ACCEPT" },
  { "interfaces-udp-sport-range", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "in-interface=veth1+", "in-interface:not=on", "out-interface=veth2_ns2", "destination=10.2.0.10",
      "protocol=udp", "sport=1024:65535", "target=DROP" },
    "iptables -A FORWARD ! -i veth1+ -o veth2_ns2 -d 10.2.0.10 -p udp --sport 1024:65535 -j DROP" },
  { "multiport-reject-tcp-reset", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "multiport-which=--dports", "multiport=80,443,8000:8080", "target=REJECT",
      "reject-with=tcp-reset" },
    "iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j REJECT --reject-with tcp-reset" },
  { "multiport-sports-negated", NFL_TABLE_FILTER, "OUTPUT", NULL,
    { "protocol=udp", "multiport-which=--sports", "multiport=53,123", "multiport:not=on", "target=ACCEPT" },
    "iptables -A OUTPUT -p udp -m multiport ! --sports 53,123 -j ACCEPT" },
  { "syn", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "syn=on", "target=DROP" },
    "iptables -A INPUT -p tcp --syn -j DROP" },
  { "tcp-flags", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "tcp-flags=on", "tcp-flags-mask:SYN=on", "tcp-flags-mask:ACK=on",
      "tcp-flags-comp:SYN=on", "tcp-flags-comp:ACK=on", "target=ACCEPT" },
    "iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN,ACK -j ACCEPT" },
  { "icmp-type", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=icmp", "icmp-type=echo-request", "target=ACCEPT" },
    "iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT" },
  { "protocol-number-fragment", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "protocol=other", "protocol-number=47", "fragment=-f", "target=DROP" },
    "iptables -A FORWARD -p 47 -f -j DROP" },
  { "ctstate", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "ctstate=on", "ctstate:ESTABLISHED=on", "ctstate:RELATED=on", "target=ACCEPT" },
    "iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", TRUE },
  { "state-log", NFL_TABLE_FILTER, "INPUT", NULL,
    { "state=on", "state:NEW=on", "target=LOG", "log-prefix=IN new ", "log-level=6", "log-tcp-options=on" },
    "iptables -A INPUT -m state --state NEW -j LOG --log-prefix 'IN new ' --log-level 6 --log-tcp-options" },
  { "mark-comment-return", NFL_TABLE_FILTER, "INPUT", NULL,
    { "mark=0x1/0xff", "mark:not=on", "comment=from the lab", "target=RETURN" },
    "iptables -A INPUT -m mark ! --mark 0x1/0xff -m comment --comment 'from the lab' -j RETURN", TRUE },
  { "iprange", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "src-range=10.1.0.1-10.1.0.9", "dst-range=10.2.0.10-10.2.0.20", "dst-range:not=on", "target=DROP" },
    "iptables -A FORWARD -m iprange --src-range 10.1.0.1-10.1.0.9 ! --dst-range 10.2.0.10-10.2.0.20 -j DROP" },
  { "addrtype-limit-out", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "src-type=LOCAL", "src-type:not=on", "dst-type=UNICAST,BROADCAST", "addrtype-limit=--limit-iface-out",
      "target=DROP" },
    "iptables -A FORWARD -m addrtype ! --src-type LOCAL --dst-type UNICAST,BROADCAST --limit-iface-out -j DROP" },
  { "addrtype-local-nat", NFL_TABLE_NAT, "PREROUTING", NULL,
    { "dst-type=LOCAL", "protocol=tcp", "dport=8080", "target=DNAT", "nat-to=10.1.0.10:80" },
    "iptables -t nat -A PREROUTING -p tcp --dport 8080 -m addrtype --dst-type LOCAL -j DNAT --to-destination 10.1.0.10:80" },
  { "connmark-restore", NFL_TABLE_MANGLE, "PREROUTING", NULL,
    { "connmark=0x1/0xf", "connmark:not=on", "target=CONNMARK", "connmark-op=--restore-mark", "connmark-ctmask=0xf" },
    "iptables -t mangle -A PREROUTING -m connmark ! --mark 0x1/0xf -j CONNMARK --restore-mark --ctmask 0xf" },
  { "recent-update", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "dport=22", "recent-action=--update", "recent-seconds=30", "recent-hitcount=6",
      "recent-name=SSH", "target=DROP" },
    "iptables -A INPUT -p tcp --dport 22 -m recent --update --seconds 30 --hitcount 6 --name SSH -j DROP", TRUE },
  { "connmark-set", NFL_TABLE_MANGLE, "FORWARD", NULL,
    { "target=CONNMARK", "connmark-op=--set-mark", "connmark-value=0x7/0xff" },
    "iptables -t mangle -A FORWARD -j CONNMARK --set-mark 0x7/0xff" },
  { "limit-log", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "dport=22", "limit=3/min", "limit-burst=10", "target=LOG", "log-prefix=[UFW LIMIT] " },
    "iptables -A INPUT -p tcp --dport 22 -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix '[UFW LIMIT] '" },
  { "nfqueue", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "target=NFQUEUE", "queue-num=3", "queue-bypass=on" },
    "iptables -A FORWARD -j NFQUEUE --queue-num 3 --queue-bypass" },
  { "nflog", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=tcp", "dport=22", "target=NFLOG", "nflog-group=5", "nflog-prefix=[UFW BLOCK] " },
    "iptables -A INPUT -p tcp --dport 22 -j NFLOG --nflog-group 5 --nflog-prefix '[UFW BLOCK] '" },
  { "pkttype", NFL_TABLE_FILTER, "INPUT", NULL,
    { "pkt-type=broadcast", "pkt-type:not=on", "target=DROP" },
    "iptables -A INPUT -m pkttype ! --pkt-type broadcast -j DROP" },
  { "owner", NFL_TABLE_FILTER, "OUTPUT", NULL,
    { "owner-uid=0-100", "owner-uid:not=on", "owner-gid=5", "owner-suppl-groups=on", "owner-socket=on",
      "target=DROP" },
    "iptables -A OUTPUT -m owner --socket-exists ! --uid-owner 0-100 --gid-owner 5 --suppl-groups -j DROP" },
  { "physdev", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "physdev-in=veth+", "physdev-in:not=on", "physdev-out=porta", "physdev-is-bridged=on", "target=DROP" },
    "iptables -A FORWARD -m physdev ! --physdev-in veth+ --physdev-out porta --physdev-is-bridged -j DROP" },
  { "length-ttl", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "length=60:100", "length:not=on", "ttl-compare=--ttl-lt", "ttl-match=10", "target=DROP" },
    "iptables -A FORWARD -m length ! --length 60:100 -m ttl --ttl-lt 10 -j DROP" },
  { "statistic-nth", NFL_TABLE_NAT, "PREROUTING", NULL,
    { "nth-every=3", "nth-packet=0", "protocol=tcp", "target=DNAT", "nat-to=10.1.0.10" },
    "iptables -t nat -A PREROUTING -p tcp -m statistic --mode nth --every 3 --packet 0 -j DNAT --to-destination 10.1.0.10" },
  { "dnat-tutorial", NFL_TABLE_NAT, "PREROUTING", NULL,
    { "destination=169.254.169.254", "target=DNAT", "nat-to=10.1.0.10" },
    "iptables -t nat -A PREROUTING -d 169.254.169.254 -j DNAT --to-destination 10.1.0.10" },
  { "snat-range-random", NFL_TABLE_NAT, "POSTROUTING", NULL,
    { "out-interface=veth2_ns2", "protocol=tcp", "target=SNAT", "nat-to=10.2.0.1:1024-2000", "random=on" },
    "iptables -t nat -A POSTROUTING -o veth2_ns2 -p tcp -j SNAT --to-source 10.2.0.1:1024-2000 --random" },
  { "masquerade-ports", NFL_TABLE_NAT, "POSTROUTING", NULL,
    { "protocol=udp", "target=MASQUERADE", "to-ports=40000-50000" },
    "iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --to-ports 40000-50000" },
  { "redirect", NFL_TABLE_NAT, "PREROUTING", NULL,
    { "protocol=tcp", "dport=80", "target=REDIRECT", "to-ports=8080" },
    "iptables -t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080" },
  { "mark-target", NFL_TABLE_MANGLE, "PREROUTING", NULL,
    { "target=MARK", "mark-op=--set-mark", "mark-value=0x2" },
    "iptables -t mangle -A PREROUTING -j MARK --set-mark 0x2" },
  { "tos", NFL_TABLE_MANGLE, "FORWARD", NULL,
    { "target=TOS", "tos-op=--set-tos", "tos-value=0x10" },
    "iptables -t mangle -A FORWARD -j TOS --set-tos 0x10" },
  { "ttl", NFL_TABLE_MANGLE, "FORWARD", NULL,
    { "target=TTL", "ttl-op=--ttl-dec", "ttl-value=1" },
    "iptables -t mangle -A FORWARD -j TTL --ttl-dec 1" },
  { "notrack", NFL_TABLE_RAW, "PREROUTING", NULL,
    { "protocol=udp", "dport=53", "target=NOTRACK" },
    "iptables -t raw -A PREROUTING -p udp --dport 53 -j NOTRACK" },
  { "ct-notrack", NFL_TABLE_RAW, "OUTPUT", NULL,
    { "target=CT" },
    "iptables -t raw -A OUTPUT -j CT --notrack" },
  { "jump", NFL_TABLE_FILTER, "FORWARD", "iptables -N lab",
    { "source=10.1.0.10", "target=-j", "chain=lab" },
    "iptables -A FORWARD -s 10.1.0.10 -j lab" },
  { "goto", NFL_TABLE_FILTER, "FORWARD", "iptables -N lab",
    { "target=-g", "chain=lab" },
    "iptables -A FORWARD -g lab" },
  { "no-target", NFL_TABLE_FILTER, "INPUT", NULL,
    { "protocol=icmp", "target=" },
    "iptables -A INPUT -p icmp" },
  { "conntrack-dnat-tuples", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "ctstate=on", "ctstate:DNAT=on", "ctorigdst=10.99.0.0/24", "ctreplsrc=10.1.0.10", "ctreplsrc:not=on",
      "ctorigdstport=80", "ctreplsrcport=8000:8080", "ctreplsrcport:not=on", "target=ACCEPT" },
    "iptables -A FORWARD -m conntrack --ctstate DNAT --ctorigdst 10.99.0.0/24 ! --ctreplsrc 10.1.0.10 "
    "--ctorigdstport 80 ! --ctreplsrcport 8000:8080 -j ACCEPT", TRUE },
  { "conntrack-origsrc-repldst", NFL_TABLE_FILTER, "OUTPUT", NULL,
    { "ctorigsrc=10.2.0.0/24", "ctorigsrc:not=on", "ctrepldst=10.1.0.1", "ctrepldst:not=on",
      "ctorigsrcport=1024:65535", "ctorigsrcport:not=on", "ctrepldstport=32768:60999", "target=DROP" },
    "iptables -A OUTPUT -m conntrack ! --ctorigsrc 10.2.0.0/24 ! --ctrepldst 10.1.0.1 "
    "! --ctorigsrcport 1024:65535 --ctrepldstport 32768:60999 -j DROP", TRUE },
  { "conntrack-proto-dir", NFL_TABLE_FILTER, "INPUT", NULL,
    { "ctproto=6", "ctproto:not=on", "ctdir=REPLY", "target=DROP" },
    "iptables -A INPUT -m conntrack ! --ctproto tcp --ctdir REPLY -j DROP", TRUE },
  { "conntrack-proto-name", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "ctproto=icmp", "ctdir=ORIGINAL", "ctstate=on", "ctstate:NEW=on", "target=ACCEPT" },
    "iptables -A FORWARD -m conntrack --ctstate NEW --ctproto icmp --ctdir ORIGINAL -j ACCEPT" },
  { "conntrack-status-expire", NFL_TABLE_FILTER, "FORWARD", NULL,
    { "ctstatus=SEEN_REPLY,ASSURED", "ctstatus:not=on", "ctexpire=100:200", "ctexpire:not=on",
      "target=ACCEPT" },
    "iptables -A FORWARD -m conntrack ! --ctstatus SEEN_REPLY,ASSURED ! --ctexpire 100:200 -j ACCEPT", TRUE },
  { "tcpmss-set", NFL_TABLE_MANGLE, "FORWARD", NULL,
    { "protocol=tcp", "tcp-flags=on", "tcp-flags-mask:SYN=on", "tcp-flags-mask:RST=on", "tcp-flags-comp:SYN=on",
      "target=TCPMSS", "tcpmss-op=--set-mss", "tcpmss-value=1200" },
    "iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200", TRUE },
  { "tcpmss-clamp", NFL_TABLE_MANGLE, "POSTROUTING", NULL,
    { "protocol=tcp", "out-interface=veth1_ns2", "target=TCPMSS", "tcpmss-op=--clamp-mss-to-pmtu" },
    "iptables -t mangle -A POSTROUTING -o veth1_ns2 -p tcp -j TCPMSS --clamp-mss-to-pmtu", TRUE },
  { "tcpmss-filter-output", NFL_TABLE_FILTER, "OUTPUT", NULL,
    { "protocol=tcp", "target=TCPMSS", "tcpmss-value=536" },
    "iptables -A OUTPUT -p tcp -j TCPMSS --set-mss 536", TRUE },
  { "checksum", NFL_TABLE_MANGLE, "POSTROUTING", NULL,
    { "protocol=udp", "dport=68", "target=CHECKSUM" },
    "iptables -t mangle -A POSTROUTING -p udp --dport 68 -j CHECKSUM --checksum-fill", TRUE },
};

/* whether field @key shows what "KEY=VALUE" @setting filled in */
static void
assert_shows (NflRuleForm *form,
              const char  *setting)
{
  g_auto(GStrv) parts = g_strsplit (setting, "=", 2);
  GtkWidget *widget = field (form, parts[0]);
  gboolean on = g_strcmp0 (parts[1], "on") == 0;

  if (ADW_IS_COMBO_ROW (widget))
    g_assert_cmpstr (combo_word (form, parts[0]), ==, parts[1]);
  else if (ADW_IS_EXPANDER_ROW (widget))
    g_assert_cmpint (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (widget)), ==, on);
  else if (GTK_IS_SWITCH (widget))
    g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (widget)), ==, on);
  else if (GTK_IS_CHECK_BUTTON (widget))
    g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)), ==, on);
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)), ==, on);
  else
    g_assert_cmpstr (entry_text (form, parts[0]), ==, parts[1]);
  /* and it is not folded away */
  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    if (ADW_IS_EXPANDER_ROW (up) && up != widget && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (up)) &&
        !ADW_IS_EXPANDER_ROW (field (form, parts[0])))
      g_error ("field “%s” is in a folded row", parts[0]);
}

static void
test_form_case (Fixture       *f,
                gconstpointer  data)
{
  const FormCase *c = data;
  g_autofree char *expected = canonical (c->command);
  g_autofree char *before = NULL;
  g_autofree char *after_form = NULL;
  g_autofree char *after_console = NULL;
  g_autoptr(NflRule) from_form = NULL;
  g_autofree char *label = NULL;
  NflRuleForm *form;
  NflChain *chain;

  if (c->setup != NULL)
    run (f, c->setup);
  before = chain_spec (f, c->table, c->chain);
  form = NFL_RULE_FORM (nfl_rule_form_new (GTK_WINDOW (f->window), f->document, "ns2", c->table, c->chain, 0, 0));
  gtk_window_present (GTK_WINDOW (form));
  for (guint i = 0; i < G_N_ELEMENTS (c->fields) && c->fields[i] != NULL; i++)
    set_field (form, c->fields[i]);

  /* the live command is what the console would write back */
  g_test_message ("form: %s", nfl_rule_form_get_command_text (form));
  g_assert_cmpstr (nfl_rule_form_get_command_text (form), ==, expected);
  g_assert_true (can_apply (form));

  /* Add is one step, named for the chain */
  g_assert_true (apply (form));
  label = g_strdup_printf ("Append Rule to %s %s", nfl_table_name (c->table), c->chain);
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, label);
  chain = chain_of (f, c->table, c->chain);
  from_form = nfl_rule_copy (g_ptr_array_index (chain->rules, chain->rules->len - 1));
  after_form = chain_spec (f, c->table, c->chain);

  /* and undone exactly */
  g_assert_true (nfl_document_undo (f->document));
  {
    g_autofree char *undone = chain_spec (f, c->table, c->chain);
    g_assert_cmpstr (undone, ==, before);
  }

  /* the console makes the same rule */
  run (f, c->command);
  chain = chain_of (f, c->table, c->chain);
  g_assert_true (nfl_rule_equal_spec (from_form, g_ptr_array_index (chain->rules, chain->rules->len - 1)));
  after_console = chain_spec (f, c->table, c->chain);
  g_assert_cmpstr (after_form, ==, after_console);

  if (c->read_back)
    {
      /* the rule opened for editing shows every field as it was filled */
      form = NFL_RULE_FORM (nfl_rule_form_new (GTK_WINDOW (f->window), f->document, "ns2", c->table, c->chain,
                                               chain->rules->len, 0));
      gtk_window_present (GTK_WINDOW (form));
      nfl_test_spin (5);
      for (guint i = 0; i < G_N_ELEMENTS (c->fields) && c->fields[i] != NULL; i++)
        assert_shows (form, c->fields[i]);
      g_assert_true (can_apply (form));
      gtk_window_destroy (GTK_WINDOW (form));
    }
}

/* ---------------------------------------------------------------------- */
/* command text into the fields                                            */
/* ---------------------------------------------------------------------- */

static void
test_text_fills_fields (Fixture       *f,
                        gconstpointer  data)
{
  const char *text = "iptables -t nat -A PREROUTING ! -s 10.3.0.0/16 -i veth1_ns2 -p tcp -m tcp --dport 8080 "
                     "-j DNAT --to-destination 10.1.0.10:80";
  NflRuleForm *form = NFL_RULE_FORM (nfl_rule_form_new (GTK_WINDOW (f->window), f->document, "ns2",
                                                        NFL_TABLE_NAT, "PREROUTING", 0, 0));

  gtk_window_present (GTK_WINDOW (form));
  nfl_rule_form_set_command_text (form, text);
  g_assert_cmpstr (entry_text (form, "source"), ==, "10.3.0.0/16");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (field (form, "source:not"))));
  g_assert_cmpstr (entry_text (form, "in-interface"), ==, "veth1_ns2");
  g_assert_cmpstr (combo_word (form, "protocol"), ==, "tcp");
  g_assert_cmpstr (entry_text (form, "dport"), ==, "8080");
  g_assert_cmpstr (combo_word (form, "target"), ==, "DNAT");
  g_assert_cmpstr (entry_text (form, "nat-to"), ==, "10.1.0.10:80");
  {
    g_autofree char *expected = canonical (text);
    g_assert_cmpstr (nfl_rule_form_get_command_text (form), ==, expected);
  }

  /* editing a field after that writes the text again */
  set_field (form, "dport=8081");
  g_assert_nonnull (strstr (nfl_rule_form_get_command_text (form), "--dport 8081"));

  /* a text the parser refuses keeps the fields and names the reason */
  nfl_rule_form_set_command_text (form, "iptables -t nat -A PREROUTING --dport 22 -j ACCEPT");
  g_assert_cmpstr (entry_text (form, "dport"), ==, "8081");
  g_assert_true (gtk_widget_get_visible (template_child (form, "command_error_label")));
  g_test_message ("refused text: %s", gtk_label_get_text (GTK_LABEL (template_child (form, "command_error_label"))));
  g_assert_false (can_apply (form));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* Editing a rule replaces it, in one step. */
static void
test_edit_replaces (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = chain_spec (f, NFL_TABLE_NAT, "PREROUTING");
  NflChain *chain = chain_of (f, NFL_TABLE_NAT, "PREROUTING");
  guint n = chain->rules->len;
  guint number = 0;
  NflRuleForm *form;

  /* the tutorial's DNAT rule */
  for (guint i = 0; i < chain->rules->len; i++)
    if (((NflRule *) g_ptr_array_index (chain->rules, i))->target.kind == NFL_TARGET_DNAT)
      number = i + 1;
  g_assert_cmpuint (number, >, 0);
  form = NFL_RULE_FORM (nfl_rule_form_new (GTK_WINDOW (f->window), f->document, "ns2",
                                           NFL_TABLE_NAT, "PREROUTING", number, 0));
  gtk_window_present (GTK_WINDOW (form));
  g_assert_cmpstr (entry_text (form, "nat-to"), ==, "10.1.0.10");
  set_field (form, "nat-to=10.1.0.11");
  g_assert_true (g_str_has_suffix (nfl_rule_form_get_command_text (form), "--to-destination 10.1.0.11"));
  g_assert_true (apply (form));
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Edit Rule in nat PREROUTING");
  chain = chain_of (f, NFL_TABLE_NAT, "PREROUTING");
  g_assert_cmpuint (chain->rules->len, ==, n);
  {
    g_autofree char *spec = chain_spec (f, NFL_TABLE_NAT, "PREROUTING");
    g_assert_nonnull (strstr (spec, "--to-destination 10.1.0.11"));
    g_assert_null (strstr (spec, "--to-destination 10.1.0.10\n"));
  }
  g_assert_true (nfl_document_undo (f->document));
  {
    g_autofree char *undone = chain_spec (f, NFL_TABLE_NAT, "PREROUTING");
    g_assert_cmpstr (undone, ==, before);
  }
}

/* ---------------------------------------------------------------------- */
/* what the form refuses                                                   */
/* ---------------------------------------------------------------------- */

static NflRuleForm *
open_form (Fixture    *f,
           NflTableId  table,
           const char *chain)
{
  NflRuleForm *form = NFL_RULE_FORM (nfl_rule_form_new (GTK_WINDOW (f->window), f->document, "ns2",
                                                        table, chain, 0, 0));

  gtk_window_present (GTK_WINDOW (form));
  return form;
}

/* only the targets and interfaces the table and chain take are offered */
static void
test_offers_what_chain_takes (Fixture       *f,
                              gconstpointer  data)
{
  NflRuleForm *form = open_form (f, NFL_TABLE_FILTER, "INPUT");

  g_assert_true (offers (form, "target", "ACCEPT"));
  g_assert_true (offers (form, "target", "REJECT"));
  g_assert_false (offers (form, "target", "DNAT"));
  g_assert_false (offers (form, "target", "SNAT"));
  g_assert_false (offers (form, "target", "MASQUERADE"));
  /* no user chain yet: nothing to jump to */
  g_assert_false (offers (form, "target", "-j"));
  g_assert_false (gtk_widget_get_visible (field (form, "out-interface")));
  g_assert_true (gtk_widget_get_visible (field (form, "in-interface")));
  gtk_window_destroy (GTK_WINDOW (form));

  form = open_form (f, NFL_TABLE_NAT, "PREROUTING");
  g_assert_true (offers (form, "target", "DNAT"));
  g_assert_true (offers (form, "target", "REDIRECT"));
  g_assert_false (offers (form, "target", "SNAT"));
  g_assert_false (offers (form, "target", "MASQUERADE"));
  g_assert_false (offers (form, "target", "DROP"));
  g_assert_false (gtk_widget_get_visible (field (form, "out-interface")));
  gtk_window_destroy (GTK_WINDOW (form));

  form = open_form (f, NFL_TABLE_NAT, "POSTROUTING");
  g_assert_true (offers (form, "target", "SNAT"));
  g_assert_true (offers (form, "target", "MASQUERADE"));
  g_assert_false (offers (form, "target", "DNAT"));
  g_assert_false (gtk_widget_get_visible (field (form, "in-interface")));
  gtk_window_destroy (GTK_WINDOW (form));

  form = open_form (f, NFL_TABLE_RAW, "PREROUTING");
  g_assert_true (offers (form, "target", "NOTRACK"));
  g_assert_false (offers (form, "target", "TTL"));
  g_assert_false (offers (form, "target", "CHECKSUM"));
  gtk_window_destroy (GTK_WINDOW (form));

  /* CHECKSUM in mangle only; TCPMSS in every table */
  form = open_form (f, NFL_TABLE_MANGLE, "PREROUTING");
  g_assert_true (offers (form, "target", "CHECKSUM"));
  g_assert_true (offers (form, "target", "TCPMSS"));
  gtk_window_destroy (GTK_WINDOW (form));
  form = open_form (f, NFL_TABLE_FILTER, "FORWARD");
  g_assert_false (offers (form, "target", "CHECKSUM"));
  g_assert_true (offers (form, "target", "TCPMSS"));
  gtk_window_destroy (GTK_WINDOW (form));

  run (f, "iptables -N lab");
  form = open_form (f, NFL_TABLE_FILTER, "INPUT");
  g_assert_true (offers (form, "target", "-j"));
  g_assert_true (offers (form, "target", "-g"));
  g_assert_true (offers (form, "chain", "lab"));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* the reason under a wrong field is the parser's own, and Add is off */
static void
test_field_reasons (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *fields[4];
    const char *key;          /* the field whose message to read */
    const char *command;      /* the same words typed */
  } wrong[] = {
    { { "source=10.0.0.300" }, "source", "iptables -A INPUT -s 10.0.0.300" },
    { { "destination=10.0.0.0/33" }, "destination", "iptables -A INPUT -d 10.0.0.0/33" },
    { { "protocol=tcp", "dport=70000" }, "dport", "iptables -A INPUT -p tcp --dport 70000" },
    { { "protocol=tcp", "sport=9:2x" }, "sport", "iptables -A INPUT -p tcp --sport 9:2x" },
    { { "protocol=udp", "multiport=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16" }, "multiport",
      "iptables -A INPUT -p udp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16" },
    { { "in-interface=averyveryverylongname" }, "in-interface", "iptables -A INPUT -i averyveryverylongname" },
    { { "mark=0xzz" }, "mark", "iptables -A INPUT -m mark --mark 0xzz" },
    { { "ctstatus=SEEN_REPLY,BOGUS" }, "ctstatus", "iptables -A INPUT -m conntrack --ctstatus SEEN_REPLY,BOGUS" },
    { { "ctexpire=1:2:3" }, "ctexpire", "iptables -A INPUT -m conntrack --ctexpire 1:2:3" },
    { { "ctorigdst=10.0.0.0/x" }, "ctorigdst", "iptables -A INPUT -m conntrack --ctorigdst 10.0.0.0/x" },
    { { "ctreplsrcport=1:2:3" }, "ctreplsrcport", "iptables -A INPUT -m conntrack --ctreplsrcport 1:2:3" },
    { { "ctproto=nosuchproto" }, "ctproto", "iptables -A INPUT -m conntrack --ctproto nosuchproto" },
    { { "protocol=tcp", "target=TCPMSS", "tcpmss-value=70000" }, "tcpmss-value",
      "iptables -A INPUT -p tcp -j TCPMSS --set-mss 70000" },
  };
  NflRuleForm *form;

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      NflRuleForm *form = open_form (f, NFL_TABLE_FILTER, "INPUT");
      NflRuleCommand parsed = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *before = chain_spec (f, NFL_TABLE_FILTER, "INPUT");
      const char *message;

      for (guint k = 0; k < G_N_ELEMENTS (wrong[i].fields) && wrong[i].fields[k] != NULL; k++)
        set_field (form, wrong[i].fields[k]);
      g_assert_false (nfl_iptables_parse_rule_command (wrong[i].command, &parsed, NULL, NULL, &error));
      message = field_message (form, wrong[i].key);
      g_test_message ("%s: %s", wrong[i].key, message);
      g_assert_cmpstr (message, ==, error->message);
      g_assert_false (can_apply (form));
      /* Ctrl+Return does nothing then */
      g_assert_false (apply (form));
      {
        g_autofree char *after = chain_spec (f, NFL_TABLE_FILTER, "INPUT");
        g_assert_cmpstr (after, ==, before);
      }
      gtk_window_destroy (GTK_WINDOW (form));
    }

  /* a target's option too */
  form = open_form (f, NFL_TABLE_NAT, "PREROUTING");
  set_field (form, "target=DNAT");
  set_field (form, "nat-to=10.1.0.300");
  {
    NflRuleCommand parsed = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (nfl_iptables_parse_rule_command ("iptables -t nat -A PREROUTING -j DNAT --to-destination 10.1.0.300",
                                                     &parsed, NULL, NULL, &error));
    g_assert_cmpstr (field_message (form, "nat-to"), ==, error->message);
  }
  g_assert_false (can_apply (form));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* TCPMSS --clamp-mss-to-pmtu where a packet has no route yet: refused
 * with the parser's words for the same command, and taken in a user chain
 * that PREROUTING jumps to, as iptables does */
static void
test_tcpmss_clamp_refused (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const chains[] = { "PREROUTING", "INPUT" };

  for (guint i = 0; i < G_N_ELEMENTS (chains); i++)
    {
      NflRuleForm *form = open_form (f, NFL_TABLE_MANGLE, chains[i]);
      g_autofree char *before = chain_spec (f, NFL_TABLE_MANGLE, chains[i]);
      g_autofree char *typed = g_strdup_printf ("iptables -t mangle -A %s -p tcp -j TCPMSS --clamp-mss-to-pmtu",
                                                chains[i]);
      g_autoptr(GError) error = NULL;
      NflRuleCommand parsed = { 0 };
      GtkWidget *label = template_child (form, "command_error_label");

      set_field (form, "protocol=tcp");
      set_field (form, "target=TCPMSS");
      set_field (form, "tcpmss-op=--set-mss");
      set_field (form, "tcpmss-value=1200");
      g_assert_true (can_apply (form));
      set_field (form, "tcpmss-op=--clamp-mss-to-pmtu");
      g_assert_false (gtk_widget_get_visible (field (form, "tcpmss-value")));
      g_assert_false (nfl_iptables_parse_rule_command (typed, &parsed, NULL, NULL, &error));
      g_test_message ("%s: %s", chains[i], gtk_label_get_text (GTK_LABEL (label)));
      g_assert_true (gtk_widget_get_visible (label));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, error->message);
      g_assert_false (can_apply (form));
      g_assert_false (apply (form));
      {
        g_autofree char *after = chain_spec (f, NFL_TABLE_MANGLE, chains[i]);
        g_assert_cmpstr (after, ==, before);
      }
      gtk_window_destroy (GTK_WINDOW (form));
    }

  run (f, "iptables -t mangle -N lab\niptables -t mangle -A PREROUTING -j lab");
  {
    NflRuleForm *form = open_form (f, NFL_TABLE_MANGLE, "lab");

    set_field (form, "protocol=tcp");
    set_field (form, "target=TCPMSS");
    set_field (form, "tcpmss-op=--clamp-mss-to-pmtu");
    g_assert_true (can_apply (form));
    g_assert_true (apply (form));
  }
}

/* What the chain refuses as a whole (a jump that makes a loop, a chain
 * deleted while the form is open) is refused with the engine's reason,
 * and the form stays open with the user's fields. */
static void
test_refused_apply_stays (Fixture       *f,
                          gconstpointer  data)
{
  NflRuleForm *form;
  NflNamespace *ns;
  g_autoptr(NflRule) jump = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  int bad = -1;

  run (f, "iptables -N a\niptables -N b\niptables -A a -j b\niptables -A b -j a");
  before = chain_spec (f, NFL_TABLE_FILTER, "INPUT");
  form = open_form (f, NFL_TABLE_FILTER, "INPUT");
  set_field (form, "target=-j");
  set_field (form, "chain=a");
  g_assert_false (can_apply (form));
  g_assert_false (apply (form));
  {
    GtkWidget *label = template_child (form, "command_error_label");

    /* the engine's words for the same rule in the same chain */
    ns = nfl_scenario_find_namespace (nfl_document_get_scenario (f->document), "ns2");
    jump = nfl_rule_from_words (2, (const char *const[]) { "-j", "a", NULL }, &bad, NULL);
    g_assert_false (nfl_ruleset_check_rule (ns->ruleset, NFL_TABLE_FILTER, "INPUT", jump, &error));
    g_test_message ("loop: %s", gtk_label_get_text (GTK_LABEL (label)));
    g_assert_true (gtk_widget_get_visible (label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), error->message));
  }
  {
    g_autofree char *after = chain_spec (f, NFL_TABLE_FILTER, "INPUT");
    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (form));

  run (f, "iptables -N lab");
  form = open_form (f, NFL_TABLE_FILTER, "lab");
  set_field (form, "source=10.1.0.10");
  set_field (form, "target=DROP");
  g_assert_true (can_apply (form));
  run (f, "iptables -X lab");
  g_assert_false (can_apply (form));
  g_assert_false (apply (form));
  g_test_message ("chain gone: %s", gtk_label_get_text (GTK_LABEL (template_child (form, "command_error_label"))));
  g_assert_true (gtk_widget_get_visible (template_child (form, "command_error_label")));
  /* the user's rule is still there to copy or fix */
  g_assert_cmpstr (entry_text (form, "source"), ==, "10.1.0.10");
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Run “iptables -X lab”");
  gtk_window_destroy (GTK_WINDOW (form));
}

int
main (int    argc,
      char **argv)
{
  int status;

  nfl_test_app_init (&argc, &argv);
  app = nfl_test_application_new ();

  for (guint i = 0; i < G_N_ELEMENTS (form_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nfl/app/rule-form/as-console/%s", form_cases[i].name);
      g_test_add (path, Fixture, &form_cases[i], fixture_set_up, test_form_case, fixture_tear_down);
    }
  g_test_add ("/nfl/app/rule-form/text-fills-fields", Fixture, NULL, fixture_set_up, test_text_fills_fields,
              fixture_tear_down);
  g_test_add ("/nfl/app/rule-form/edit-replaces", Fixture, NULL, fixture_set_up, test_edit_replaces,
              fixture_tear_down);
  g_test_add ("/nfl/app/rule-form/offers-what-chain-takes", Fixture, NULL, fixture_set_up,
              test_offers_what_chain_takes, fixture_tear_down);
  g_test_add ("/nfl/app/rule-form/field-reasons", Fixture, NULL, fixture_set_up, test_field_reasons,
              fixture_tear_down);
  g_test_add ("/nfl/app/rule-form/tcpmss-clamp-refused", Fixture, NULL, fixture_set_up, test_tcpmss_clamp_refused,
              fixture_tear_down);
  g_test_add ("/nfl/app/rule-form/refused-apply-stays", Fixture, NULL, fixture_set_up, test_refused_apply_stays,
              fixture_tear_down);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
