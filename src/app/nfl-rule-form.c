/* nfl-rule-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule form knows no netfilter rule of its own.  Every field stands
 * for some words of the iptables command ("-s", "10.0.0.0/8"); the form
 * collects the words of the fields shown, in the order iptables-save
 * prints them, and asks the engine for the rule they make
 * (nfl_rule_from_words ()) and whether the chain takes it
 * (nfl_ruleset_check_rule ()).  Each field's own words are also read
 * alone, after the words they need ("-p tcp -m tcp" before "--dport"),
 * so that the reason the parser gives for them shows under that field.
 *
 * The command line below the form is the same rule as text.  Editing the
 * form writes it (the canonical text when the rule is good, the words as
 * they are when it is not); editing the text reads it back
 * (nfl_iptables_parse_rule_command ()) and, when it is a good rule for
 * this chain that the form can show, sets the fields from its clauses
 * (nfl_rule_foreach_clause ()).  A text that is not leaves the fields as
 * they were and marks the word it is about.
 *
 * Every row, switch and check button carries a key ("source",
 * "source:not", "ctstate:NEW") as the object data "nfl-key"; combo rows
 * carry the words of their items as "nfl-values" (a GPtrArray of
 * strings).  The tests find and fill the fields by them.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "nfl-rule-form.h"

typedef enum {
  FIELD_ENTRY,     /* AdwEntryRow */
  FIELD_COMBO,     /* AdwComboRow with "nfl-values" */
  FIELD_SWITCH,    /* AdwActionRow with a GtkSwitch */
  FIELD_EXPANDER,  /* AdwExpanderRow with its enable switch */
  FIELD_CHECK,     /* a GtkCheckButton */
} FieldKind;

typedef struct {
  FieldKind  kind;
  char      *key;
  GtkWidget *row;
  GtkWidget *control;    /* the switch or check button; the row otherwise */
  GtkWidget *negate;     /* the "!" toggle, or NULL */
  GtkWidget *message;    /* the row showing the parser's reason, or NULL */
  GPtrArray *values;     /* FIELD_COMBO: the word of each item */
  /* this field's words after the words they need, at the last collect */
  GPtrArray *words;
  guint      n_context;
  gboolean   has_message;
} Field;

typedef enum {
  EDITED_FORM,
  EDITED_TEXT,
} Edited;

struct _NflRuleForm
{
  AdwWindow             parent_instance;

  NflDocument          *document;
  char                 *ns;
  NflTableId            table;
  char                 *chain;
  guint                 rule_number;
  guint                 position;

  GHashTable           *fields;       /* key → Field */
  GPtrArray            *field_order;  /* Field*, as built */
  NflRule              *rule;         /* the rule Add/Save applies, or NULL */
  guint                 filling;      /* setting fields from the text */
  guint                 writing;      /* setting the text from the fields */

  AdwPreferencesGroup  *ports_group;
  AdwPreferencesGroup  *icmp_group;
  AdwPreferencesGroup  *target_group;
  AdwExpanderRow       *ct_tuples_row;

  /* template children */
  GtkLabel             *apply_error_label;
  GtkButton            *apply_button;
  GtkRevealer          *banner_revealer;
  GtkEntry             *command_entry;
  GtkLabel             *command_error_label;
  AdwPreferencesPage   *page;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
};

G_DEFINE_FINAL_TYPE (NflRuleForm, nfl_rule_form, ADW_TYPE_WINDOW)

/* ---------------------------------------------------------------------- */
/* what the form offers                                                    */
/* ---------------------------------------------------------------------- */

static const struct {
  NflCtState  state;
  const char *description;
} ct_states[] = {
  { NFL_CT_NEW, N_("The first packet of a connection") },
  { NFL_CT_ESTABLISHED, N_("A packet of a connection that has seen replies") },
  { NFL_CT_RELATED, N_("A new connection or ICMP error that belongs to another one") },
  { NFL_CT_INVALID, N_("A packet that belongs to no known connection") },
  { NFL_CT_UNTRACKED, N_("A packet exempted from tracking (NOTRACK)") },
  { NFL_CT_SNAT, N_("A connection whose source was translated") },
  { NFL_CT_DNAT, N_("A connection whose destination was translated") },
};

static const char *const tcp_flag_names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG" };

static const struct {
  NflTargetKind  kind;
  const char    *label;
  const char    *description;
} targets[] = {
  { NFL_TARGET_ACCEPT, "ACCEPT", N_("Let the packet through") },
  { NFL_TARGET_DROP, "DROP", N_("Throw the packet away, silently") },
  { NFL_TARGET_REJECT, "REJECT", N_("Throw the packet away and tell the sender") },
  { NFL_TARGET_RETURN, "RETURN", N_("Go back to the calling chain (or the policy)") },
  { NFL_TARGET_LOG, "LOG", N_("Write a kernel log line and go on") },
  { NFL_TARGET_DNAT, "DNAT", N_("Translate the destination of the connection") },
  { NFL_TARGET_SNAT, "SNAT", N_("Translate the source of the connection") },
  { NFL_TARGET_MASQUERADE, "MASQUERADE", N_("Translate the source to the output interface’s address") },
  { NFL_TARGET_REDIRECT, "REDIRECT", N_("Send the connection to this host itself") },
  { NFL_TARGET_MARK, "MARK", N_("Set the packet’s mark and go on") },
  { NFL_TARGET_CONNMARK, "CONNMARK", N_("Set the connection’s mark, or copy it to or from the packet’s, and go on") },
  { NFL_TARGET_TOS, "TOS", N_("Change the Type of Service field and go on") },
  { NFL_TARGET_TTL, "TTL", N_("Change the Time To Live field and go on") },
  { NFL_TARGET_NOTRACK, "NOTRACK", N_("Exempt the packet from connection tracking") },
  { NFL_TARGET_CT, "CT --notrack", N_("Exempt the packet from connection tracking") },
  { NFL_TARGET_TRACE, "TRACE", N_("Trace the packet through the rules") },
  { NFL_TARGET_NFQUEUE, "NFQUEUE", N_("Hand the packet to a program (nfqueue) for its verdict") },
  { NFL_TARGET_NFLOG, "NFLOG", N_("Hand a copy to a logging program (nflog group) and go on") },
  { NFL_TARGET_TCPMSS, "TCPMSS", N_("Lower the maximum segment size a TCP connection request offers, and go on") },
  { NFL_TARGET_CHECKSUM, "CHECKSUM", N_("Fill in a checksum that offloading left unfinished, and go on") },
  { NFL_TARGET_JUMP, N_("Jump to Chain"), N_("Go through a chain of this table, then come back") },
  { NFL_TARGET_GOTO, N_("Go to Chain"), N_("Go on in a chain of this table, without coming back") },
  { NFL_TARGET_NONE, N_("None"), N_("No target: the rule only counts the packets it matches") },
};

/* -m conntrack's options besides --ctstate and --ctdir, entries all, in
 * the order iptables-save prints them; the key is the option's name */
static const char *const ct_options[] = {
  "ctproto", "ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst",
  "ctorigsrcport", "ctorigdstport", "ctreplsrcport", "ctrepldstport", "ctstatus", "ctexpire",
};

static const char *const log_levels[] = {
  N_("0 (emerg)"), N_("1 (alert)"), N_("2 (crit)"), N_("3 (error)"),
  N_("4 (warning)"), N_("5 (notice)"), N_("6 (info)"), N_("7 (debug)"),
};

/* ---------------------------------------------------------------------- */
/* fields                                                                  */
/* ---------------------------------------------------------------------- */

static void
field_free (Field *field)
{
  g_free (field->key);
  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_clear_pointer (&field->words, g_ptr_array_unref);
  g_free (field);
}

static Field *
get_field (NflRuleForm *self,
           const char  *key)
{
  Field *field = g_hash_table_lookup (self->fields, key);

  g_assert (field != NULL);
  return field;
}

static const char *
entry_text (NflRuleForm *self,
            const char  *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (get_field (self, key)->row));
}

static const char *
combo_value (NflRuleForm *self,
             const char  *key)
{
  Field *field = get_field (self, key);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

  if (selected >= field->values->len)
    return "";
  return g_ptr_array_index (field->values, selected);
}

static gboolean
combo_select (NflRuleForm *self,
              const char  *key,
              const char  *value)
{
  Field *field = get_field (self, key);

  for (guint i = 0; i < field->values->len; i++)
    if (g_str_equal (g_ptr_array_index (field->values, i), value))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_on (NflRuleForm *self,
       const char  *key)
{
  Field *field = get_field (self, key);

  switch (field->kind)
    {
    case FIELD_SWITCH:
      return gtk_switch_get_active (GTK_SWITCH (field->control));
    case FIELD_CHECK:
      return gtk_check_button_get_active (GTK_CHECK_BUTTON (field->control));
    case FIELD_EXPANDER:
      return adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (field->row));
    case FIELD_ENTRY:
    case FIELD_COMBO:
    default:
      g_assert_not_reached ();
    }
}

static void
set_on (NflRuleForm *self,
        const char  *key,
        gboolean     on)
{
  Field *field = get_field (self, key);

  switch (field->kind)
    {
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->control), on);
      break;
    case FIELD_CHECK:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (field->control), on);
      break;
    case FIELD_EXPANDER:
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (field->row), on);
      break;
    case FIELD_ENTRY:
    case FIELD_COMBO:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_negated (NflRuleForm *self,
            const char  *key)
{
  Field *field = get_field (self, key);

  g_assert (field->negate != NULL);
  if (GTK_IS_SWITCH (field->negate))
    return gtk_switch_get_active (GTK_SWITCH (field->negate));
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (field->negate));
}

static void
set_negated (NflRuleForm *self,
             const char  *key,
             gboolean     negated)
{
  Field *field = get_field (self, key);

  g_assert (field->negate != NULL);
  if (GTK_IS_SWITCH (field->negate))
    gtk_switch_set_active (GTK_SWITCH (field->negate), negated);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (field->negate), negated);
}

static void
set_field_message (Field      *field,
                   const char *message)
{
  field->has_message = message != NULL;
  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
  if (field->message == NULL)
    return;
  if (message != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->message), message);
  gtk_widget_set_visible (field->message, message != NULL);
}

/* ---------------------------------------------------------------------- */
/* the rule's words                                                        */
/* ---------------------------------------------------------------------- */

typedef struct {
  GPtrArray *words;    /* char*, owned */
  GPtrArray *owners;   /* Field*, or NULL for words no field owns alone */
} Words;

static void
words_clear (Words *w)
{
  g_clear_pointer (&w->words, g_ptr_array_unref);
  g_clear_pointer (&w->owners, g_ptr_array_unref);
}

static void
words_init (Words *w)
{
  w->words = g_ptr_array_new_with_free_func (g_free);
  w->owners = g_ptr_array_new ();
}

static void
add_word (Words      *w,
          Field      *owner,
          const char *word)
{
  g_ptr_array_add (w->words, g_strdup (word));
  g_ptr_array_add (w->owners, owner);
  if (owner != NULL)
    g_ptr_array_add (owner->words, g_strdup (word));
}

/* Starts @field's own words with @context, words of the rule that it needs
 * to be read alone (and that the rule holds already, or gets next). */
static Field *
begin_field (NflRuleForm       *self,
             const char        *key,
             const char *const *context)
{
  Field *field = get_field (self, key);

  for (guint i = 0; context != NULL && context[i] != NULL; i++)
    g_ptr_array_add (field->words, g_strdup (context[i]));
  field->n_context = field->words->len;
  return field;
}

/* "[!] OPTION ARG" for an entry that is not empty */
static gboolean
add_entry_option (NflRuleForm       *self,
                  Words             *w,
                  const char        *key,
                  const char *const *context,
                  const char        *option)
{
  const char *text = entry_text (self, key);
  Field *field;

  if (*text == '\0')
    return FALSE;
  field = begin_field (self, key, context);
  if (field->negate != NULL && is_negated (self, key))
    add_word (w, field, "!");
  add_word (w, field, option);
  add_word (w, field, text);
  return TRUE;
}

static void
add_words (Words             *w,
           const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    add_word (w, NULL, words[i]);
}

static const char *
protocol_word (NflRuleForm *self)
{
  const char *protocol = combo_value (self, "protocol");

  if (g_str_equal (protocol, "other"))
    return entry_text (self, "protocol-number");
  return protocol;
}

static char *
join_states (NflRuleForm *self,
             const char  *key)
{
  GString *states = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ct_states); i++)
    {
      const char *name = nfl_ct_state_name (ct_states[i].state);
      g_autofree char *check = g_strdup_printf ("%s:%s", key, name);

      if (g_hash_table_contains (self->fields, check) && is_on (self, check))
        g_string_append_printf (states, "%s%s", states->len ? "," : "", name);
    }
  return g_string_free (states, FALSE);
}

static char *
join_tcp_flags (NflRuleForm *self,
                const char  *which)
{
  GString *flags = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tcp_flag_names); i++)
    {
      g_autofree char *check = g_strdup_printf ("tcp-flags-%s:%s", which, tcp_flag_names[i]);

      if (is_on (self, check))
        g_string_append_printf (flags, "%s%s", flags->len ? "," : "", tcp_flag_names[i]);
    }
  if (flags->len == 0)
    g_string_append (flags, "NONE");
  return g_string_free (flags, FALSE);
}

/* "[!] --ctstate LIST" after the match's "-m" words, which @context holds */
static void
add_states (NflRuleForm       *self,
            Words             *w,
            const char        *key,
            const char *const *context,
            const char        *option)
{
  g_autofree char *not_key = g_strdup_printf ("%s:not", key);
  g_autofree char *states = NULL;
  Field *field;

  if (!is_on (self, key))
    return;
  states = join_states (self, key);
  field = begin_field (self, key, context);
  if (is_on (self, not_key))
    add_word (w, field, "!");
  add_word (w, field, option);
  add_word (w, field, states);
}

static NflTargetKind
target_kind (NflRuleForm *self)
{
  const char *value = combo_value (self, "target");

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_str_equal (value, targets[i].kind == NFL_TARGET_NONE ? "" :
                            targets[i].kind == NFL_TARGET_JUMP ? "-j" :
                            targets[i].kind == NFL_TARGET_GOTO ? "-g" :
                            nfl_target_kind_name (targets[i].kind)))
      return targets[i].kind;
  return NFL_TARGET_NONE;
}

static const char *
target_value (NflTargetKind kind)
{
  switch (kind)
    {
    case NFL_TARGET_NONE: return "";
    case NFL_TARGET_JUMP: return "-j";
    case NFL_TARGET_GOTO: return "-g";
    default: return nfl_target_kind_name (kind);
    }
}

static void
add_switch_flag (NflRuleForm *self,
                 Words       *w,
                 const char  *key,
                 const char  *option,
                 const char  *context_target)
{
  const char *context[] = { "-j", context_target, NULL };

  if (is_on (self, key))
    add_word (w, begin_field (self, key, context), option);
}

static void
collect_target (NflRuleForm *self,
                Words       *w)
{
  NflTargetKind kind = target_kind (self);
  const char *name = nfl_target_kind_name (kind);
  const char *context[] = { "-j", name, NULL };

  switch (kind)
    {
    case NFL_TARGET_NONE:
      return;
    case NFL_TARGET_JUMP:
    case NFL_TARGET_GOTO:
      {
        Field *field = begin_field (self, "chain", NULL);

        add_word (w, field, kind == NFL_TARGET_JUMP ? "-j" : "-g");
        add_word (w, field, combo_value (self, "chain"));
      }
      return;
    default:
      add_words (w, context);
      break;
    }

  switch (kind)
    {
    case NFL_TARGET_REJECT:
      {
        Field *field = begin_field (self, "reject-with", context);

        add_word (w, field, "--reject-with");
        add_word (w, field, combo_value (self, "reject-with"));
      }
      break;
    case NFL_TARGET_LOG:
      {
        static const char *const flags[] = {
          "log-tcp-sequence", "log-tcp-options", "log-ip-options", "log-uid",
        };
        const char *level = combo_value (self, "log-level");

        add_entry_option (self, w, "log-prefix", context, "--log-prefix");
        if (!g_str_equal (level, "4"))
          {
            Field *field = begin_field (self, "log-level", context);
            add_word (w, field, "--log-level");
            add_word (w, field, level);
          }
        for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
          {
            g_autofree char *option = g_strconcat ("--", flags[i], NULL);
            add_switch_flag (self, w, flags[i], option, name);
          }
      }
      break;
    case NFL_TARGET_NFQUEUE:
      add_entry_option (self, w, "queue-num", context, "--queue-num");
      add_switch_flag (self, w, "queue-bypass", "--queue-bypass", name);
      break;
    case NFL_TARGET_NFLOG:
      add_entry_option (self, w, "nflog-group", context, "--nflog-group");
      add_entry_option (self, w, "nflog-prefix", context, "--nflog-prefix");
      add_entry_option (self, w, "nflog-size", context, "--nflog-size");
      break;
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
      add_entry_option (self, w, "nat-to", context,
                        kind == NFL_TARGET_DNAT ? "--to-destination" : "--to-source");
      add_switch_flag (self, w, "random", "--random", name);
      add_switch_flag (self, w, "random-fully", "--random-fully", name);
      add_switch_flag (self, w, "persistent", "--persistent", name);
      break;
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
      add_entry_option (self, w, "to-ports", context, "--to-ports");
      add_switch_flag (self, w, "random", "--random", name);
      if (kind == NFL_TARGET_MASQUERADE)
        add_switch_flag (self, w, "random-fully", "--random-fully", name);
      break;
    case NFL_TARGET_MARK:
      add_entry_option (self, w, "mark-value", context, combo_value (self, "mark-op"));
      break;
    case NFL_TARGET_CONNMARK:
      {
        const char *op = combo_value (self, "connmark-op");

        if (g_str_equal (op, "--save-mark") || g_str_equal (op, "--restore-mark"))
          {
            add_word (w, begin_field (self, "connmark-op", context), op);
            add_entry_option (self, w, "connmark-nfmask", context, "--nfmask");
            add_entry_option (self, w, "connmark-ctmask", context, "--ctmask");
          }
        else
          add_entry_option (self, w, "connmark-value", context, op);
      }
      break;
    case NFL_TARGET_TOS:
      add_entry_option (self, w, "tos-value", context, combo_value (self, "tos-op"));
      break;
    case NFL_TARGET_TTL:
      add_entry_option (self, w, "ttl-value", context, combo_value (self, "ttl-op"));
      break;
    case NFL_TARGET_CT:
      add_word (w, NULL, "--notrack");
      break;
    case NFL_TARGET_TCPMSS:
      {
        const char *op = combo_value (self, "tcpmss-op");

        if (g_str_equal (op, "--clamp-mss-to-pmtu"))
          add_word (w, begin_field (self, "tcpmss-op", context), op);
        else
          add_entry_option (self, w, "tcpmss-value", context, op);
      }
      break;
    case NFL_TARGET_CHECKSUM:
      /* its one option, which it needs */
      add_word (w, NULL, "--checksum-fill");
      break;
    default:
      break;
    }
}

/* One -m conntrack for every option given, as the console reads them
 * into one match and iptables-save prints them so. */
static void
collect_conntrack (NflRuleForm *self,
                   Words       *w)
{
  const char *context[] = { "-m", "conntrack", NULL };
  const char *dir = combo_value (self, "ctdir");
  gboolean any = is_on (self, "ctstate") || *dir != '\0';

  for (guint i = 0; i < G_N_ELEMENTS (ct_options) && !any; i++)
    any = *entry_text (self, ct_options[i]) != '\0';
  if (!any)
    return;
  add_words (w, context);
  add_states (self, w, "ctstate", context, "--ctstate");
  for (guint i = 0; i < G_N_ELEMENTS (ct_options); i++)
    {
      g_autofree char *option = g_strconcat ("--", ct_options[i], NULL);

      add_entry_option (self, w, ct_options[i], context, option);
    }
  if (*dir != '\0')
    {
      Field *field = begin_field (self, "ctdir", context);

      add_word (w, field, "--ctdir");
      add_word (w, field, dir);
    }
}

/* The words of every field shown, in the order iptables-save prints
 * them, so that the form's rule and the parsed canonical text are the
 * same rule, match for match. */
static void
collect_words (NflRuleForm *self,
               Words       *w)
{
  const char *protocol = protocol_word (self);
  gboolean l4 = g_str_equal (protocol, "tcp") || g_str_equal (protocol, "udp");
  const char *l4_context[] = { "-p", protocol, "-m", protocol, NULL };
  const char *fragment = combo_value (self, "fragment");

  words_init (w);
  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *field = g_ptr_array_index (self->field_order, i);

      g_ptr_array_set_size (field->words, 0);
      field->n_context = 0;
    }

  add_entry_option (self, w, "source", NULL, "-s");
  add_entry_option (self, w, "destination", NULL, "-d");
  if (gtk_widget_get_visible (get_field (self, "in-interface")->row))
    add_entry_option (self, w, "in-interface", NULL, "-i");
  if (gtk_widget_get_visible (get_field (self, "out-interface")->row))
    add_entry_option (self, w, "out-interface", NULL, "-o");
  if (*protocol != '\0')
    {
      /* a name or number typed: its reason goes under what was typed */
      Field *field = begin_field (self, g_str_equal (combo_value (self, "protocol"), "other")
                                        ? "protocol-number" : "protocol", NULL);

      if (is_negated (self, "protocol"))
        add_word (w, field, "!");
      add_word (w, field, "-p");
      add_word (w, field, protocol);
    }
  if (*fragment != '\0')
    {
      Field *field = begin_field (self, "fragment", NULL);

      if (g_str_equal (fragment, "!"))
        add_word (w, field, "!");
      add_word (w, field, "-f");
    }

  if (l4)
    {
      gboolean tcp = g_str_equal (protocol, "tcp");
      gboolean flags = tcp && is_on (self, "tcp-flags");
      const char *which = combo_value (self, "multiport-which");

      if (*entry_text (self, "sport") || *entry_text (self, "dport") || flags)
        {
          add_words (w, (const char *[]) { "-m", protocol, NULL });
          add_entry_option (self, w, "sport", l4_context, "--sport");
          add_entry_option (self, w, "dport", l4_context, "--dport");
          if (flags)
            {
              Field *field = begin_field (self, "tcp-flags", l4_context);
              g_autofree char *mask = join_tcp_flags (self, "mask");
              g_autofree char *comp = join_tcp_flags (self, "comp");

              if (is_on (self, "tcp-flags:not"))
                add_word (w, field, "!");
              add_word (w, field, "--tcp-flags");
              add_word (w, field, mask);
              add_word (w, field, comp);
            }
        }
      if (*entry_text (self, "multiport"))
        {
          const char *context[] = { "-p", protocol, "-m", "multiport", NULL };

          add_words (w, (const char *[]) { "-m", "multiport", NULL });
          add_entry_option (self, w, "multiport", context, which);
        }
    }
  if (g_str_equal (protocol, "icmp"))
    {
      const char *type = combo_value (self, "icmp-type");

      if (g_str_equal (type, "other"))
        type = entry_text (self, "icmp-number");
      if (*type != '\0')
        {
          const char *context[] = { "-p", "icmp", "-m", "icmp", NULL };
          Field *field = begin_field (self, g_str_equal (combo_value (self, "icmp-type"), "other")
                                            ? "icmp-number" : "icmp-type", context);

          add_words (w, (const char *[]) { "-m", "icmp", NULL });
          if (is_negated (self, "icmp-type"))
            add_word (w, field, "!");
          add_word (w, field, "--icmp-type");
          add_word (w, field, type);
        }
    }
  if (*entry_text (self, "src-range") || *entry_text (self, "dst-range"))
    {
      const char *context[] = { "-m", "iprange", NULL };

      add_words (w, context);
      add_entry_option (self, w, "src-range", context, "--src-range");
      add_entry_option (self, w, "dst-range", context, "--dst-range");
    }
  if (*entry_text (self, "src-type") || *entry_text (self, "dst-type"))
    {
      const char *context[] = { "-m", "addrtype", NULL };
      const char *limit = combo_value (self, "addrtype-limit");

      add_words (w, context);
      add_entry_option (self, w, "src-type", context, "--src-type");
      add_entry_option (self, w, "dst-type", context, "--dst-type");
      if (*limit != '\0')
        add_word (w, begin_field (self, "addrtype-limit", context), limit);
    }
  if (*entry_text (self, "physdev-in") || *entry_text (self, "physdev-out") || is_on (self, "physdev-is-bridged"))
    {
      const char *context[] = { "-m", "physdev", NULL };

      add_words (w, context);
      add_entry_option (self, w, "physdev-in", context, "--physdev-in");
      add_entry_option (self, w, "physdev-out", context, "--physdev-out");
      if (is_on (self, "physdev-is-bridged"))
        add_word (w, begin_field (self, "physdev-is-bridged", context), "--physdev-is-bridged");
    }
  if (*combo_value (self, "pkt-type"))
    {
      const char *context[] = { "-m", "pkttype", NULL };
      Field *field;

      add_words (w, context);
      field = begin_field (self, "pkt-type", context);
      if (field->negate != NULL && is_negated (self, "pkt-type"))
        add_word (w, field, "!");
      add_word (w, field, "--pkt-type");
      add_word (w, field, combo_value (self, "pkt-type"));
    }
  if (*entry_text (self, "owner-uid") || *entry_text (self, "owner-gid") || is_on (self, "owner-socket"))
    {
      const char *context[] = { "-m", "owner", NULL };

      add_words (w, context);
      if (is_on (self, "owner-socket"))
        add_word (w, begin_field (self, "owner-socket", context), "--socket-exists");
      add_entry_option (self, w, "owner-uid", context, "--uid-owner");
      add_entry_option (self, w, "owner-gid", context, "--gid-owner");
      if (*entry_text (self, "owner-gid") && is_on (self, "owner-suppl-groups"))
        add_word (w, begin_field (self, "owner-suppl-groups", context), "--suppl-groups");
    }
  if (*entry_text (self, "length"))
    {
      const char *context[] = { "-m", "length", NULL };

      add_words (w, context);
      add_entry_option (self, w, "length", context, "--length");
    }
  if (*entry_text (self, "ttl-match"))
    {
      const char *context[] = { "-m", "ttl", NULL };

      add_words (w, context);
      add_entry_option (self, w, "ttl-match", context, combo_value (self, "ttl-compare"));
    }
  if (*entry_text (self, "nth-every") || *entry_text (self, "nth-packet"))
    {
      const char *context[] = { "-m", "statistic", "--mode", "nth", NULL };

      add_words (w, context);
      add_entry_option (self, w, "nth-every", context, "--every");
      add_entry_option (self, w, "nth-packet", context, "--packet");
    }
  if (*entry_text (self, "limit") || *entry_text (self, "limit-burst"))
    {
      const char *context[] = { "-m", "limit", NULL };

      add_words (w, context);
      add_entry_option (self, w, "limit", context, "--limit");
      add_entry_option (self, w, "limit-burst", context, "--limit-burst");
    }
  collect_conntrack (self, w);
  if (is_on (self, "state"))
    {
      const char *context[] = { "-m", "state", NULL };

      add_words (w, context);
      add_states (self, w, "state", context, "--state");
    }
  if (*entry_text (self, "mark"))
    {
      const char *context[] = { "-m", "mark", NULL };

      add_words (w, context);
      add_entry_option (self, w, "mark", context, "--mark");
    }
  if (*combo_value (self, "recent-action"))
    {
      const char *context[] = { "-m", "recent", NULL };
      Field *field;

      add_words (w, context);
      field = begin_field (self, "recent-action", context);
      if (field->negate != NULL && is_negated (self, "recent-action"))
        add_word (w, field, "!");
      add_word (w, field, combo_value (self, "recent-action"));
      add_entry_option (self, w, "recent-seconds", context, "--seconds");
      add_entry_option (self, w, "recent-hitcount", context, "--hitcount");
      add_entry_option (self, w, "recent-name", context, "--name");
      if (*combo_value (self, "recent-side"))
        add_word (w, begin_field (self, "recent-side", context), combo_value (self, "recent-side"));
    }
  if (*entry_text (self, "connmark"))
    {
      const char *context[] = { "-m", "connmark", NULL };

      add_words (w, context);
      add_entry_option (self, w, "connmark", context, "--mark");
    }
  if (*entry_text (self, "comment"))
    {
      const char *context[] = { "-m", "comment", NULL };

      add_words (w, context);
      add_entry_option (self, w, "comment", context, "--comment");
    }
  collect_target (self, w);
}

/* ---------------------------------------------------------------------- */
/* checking                                                                */
/* ---------------------------------------------------------------------- */

static NflRuleset *
get_ruleset (NflRuleForm *self)
{
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), self->ns);

  return ns != NULL ? ns->ruleset : NULL;
}

/* Each field's own words alone: the parser's reason under the field. */
static void
check_fields (NflRuleForm *self)
{
  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *field = g_ptr_array_index (self->field_order, i);
      g_autoptr(NflRule) rule = NULL;
      g_autoptr(GError) error = NULL;
      int bad_word = -1;

      if (field->words->len <= field->n_context)
        {
          set_field_message (field, NULL);
          continue;
        }
      rule = nfl_rule_from_words (field->words->len, (const char * const *) field->words->pdata,
                                  &bad_word, &error);
      if (rule == NULL && (bad_word < 0 || (guint) bad_word >= field->n_context))
        set_field_message (field, error->message);
      else
        set_field_message (field, NULL);
    }
}

static void
show_command_error (NflRuleForm *self,
                    const char  *message)
{
  if (message != NULL)
    gtk_label_set_text (self->command_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->command_error_label), message != NULL);
}

/* The whole rule: the parser's checks, then the chain's. */
static NflRule *
check_rule (NflRuleForm  *self,
            Words        *w,
            Field       **bad_field,
            GError      **error)
{
  g_autoptr(NflRule) rule = NULL;
  NflRuleset *ruleset = get_ruleset (self);
  int bad_word = -1;

  *bad_field = NULL;
  rule = nfl_rule_from_words (w->words->len, (const char * const *) w->words->pdata, &bad_word, error);
  if (rule == NULL)
    {
      if (bad_word >= 0 && (guint) bad_word < w->owners->len)
        *bad_field = g_ptr_array_index (w->owners, bad_word);
      return NULL;
    }
  if (ruleset == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("The namespace “%s” is gone"), self->ns);
      return NULL;
    }
  if (!nfl_ruleset_check_rule (ruleset, self->table, self->chain, rule, error))
    return NULL;
  return g_steal_pointer (&rule);
}

static void
set_rule (NflRuleForm *self,
          NflRule     *rule)
{
  g_clear_pointer (&self->rule, nfl_rule_free);
  self->rule = rule;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule-form.apply", rule != NULL);
}

static NflRuleOp
command_op (NflRuleForm *self)
{
  if (self->rule_number > 0)
    return NFL_RULE_OP_REPLACE;
  return self->position > 0 ? NFL_RULE_OP_INSERT : NFL_RULE_OP_APPEND;
}

/* "iptables -t nat -I PREROUTING 2 " and the rule */
static char *
command_to_string (NflRuleForm   *self,
                   const NflRule *rule)
{
  g_autoptr(NflRule) empty = nfl_rule_new ();
  NflRuleCommand command = {
    .table = self->table,
    .chain = self->chain,
    .op = command_op (self),
    .position = self->rule_number > 0 ? self->rule_number : self->position,
    .rule = rule != NULL ? (NflRule *) rule : empty,
  };

  return nfl_rule_command_to_string (&command);
}

static void
clear_text_mark (NflRuleForm *self)
{
  gtk_entry_set_attributes (self->command_entry, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->command_entry), "error");
}

/* ---------------------------------------------------------------------- */
/* visibility                                                              */
/* ---------------------------------------------------------------------- */

static void
update_visibility (NflRuleForm *self)
{
  const char *protocol = combo_value (self, "protocol");
  gboolean tcp = g_str_equal (protocol, "tcp");
  gboolean l4 = tcp || g_str_equal (protocol, "udp");
  NflTargetKind kind = target_kind (self);
  gboolean nat = kind == NFL_TARGET_DNAT || kind == NFL_TARGET_SNAT;
  gboolean ports = kind == NFL_TARGET_MASQUERADE || kind == NFL_TARGET_REDIRECT;
  Field *field;

  gtk_widget_set_visible (get_field (self, "protocol-number")->row, g_str_equal (protocol, "other"));
  gtk_widget_set_visible (GTK_WIDGET (self->ports_group), l4);
  adw_preferences_group_set_title (self->ports_group, tcp ? "TCP" : "UDP");
  gtk_widget_set_visible (get_field (self, "tcp-flags")->row, tcp);
  gtk_widget_set_visible (get_field (self, "syn")->row, tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->icmp_group), g_str_equal (protocol, "icmp"));
  gtk_widget_set_visible (get_field (self, "icmp-number")->row,
                          g_str_equal (combo_value (self, "icmp-type"), "other"));

  gtk_widget_set_visible (get_field (self, "chain")->row,
                          kind == NFL_TARGET_JUMP || kind == NFL_TARGET_GOTO);
  gtk_widget_set_visible (get_field (self, "reject-with")->row, kind == NFL_TARGET_REJECT);
  gtk_widget_set_visible (get_field (self, "log-prefix")->row, kind == NFL_TARGET_LOG);
  gtk_widget_set_visible (get_field (self, "nflog-group")->row, kind == NFL_TARGET_NFLOG);
  gtk_widget_set_visible (get_field (self, "queue-num")->row, kind == NFL_TARGET_NFQUEUE);
  gtk_widget_set_visible (get_field (self, "queue-bypass")->row, kind == NFL_TARGET_NFQUEUE);
  gtk_widget_set_visible (get_field (self, "nflog-prefix")->row, kind == NFL_TARGET_NFLOG);
  gtk_widget_set_visible (get_field (self, "nflog-size")->row, kind == NFL_TARGET_NFLOG);
  gtk_widget_set_visible (get_field (self, "log-level")->row, kind == NFL_TARGET_LOG);
  gtk_widget_set_visible (get_field (self, "log-tcp-sequence")->row, kind == NFL_TARGET_LOG);
  gtk_widget_set_visible (get_field (self, "log-tcp-options")->row, kind == NFL_TARGET_LOG);
  gtk_widget_set_visible (get_field (self, "log-ip-options")->row, kind == NFL_TARGET_LOG);
  gtk_widget_set_visible (get_field (self, "log-uid")->row, kind == NFL_TARGET_LOG);
  field = get_field (self, "nat-to");
  gtk_widget_set_visible (field->row, nat);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row),
                                 kind == NFL_TARGET_SNAT ? _("To Source") : _("To Destination"));
  gtk_widget_set_visible (get_field (self, "to-ports")->row, ports);
  gtk_widget_set_visible (get_field (self, "random")->row, nat || ports);
  gtk_widget_set_visible (get_field (self, "random-fully")->row, nat || kind == NFL_TARGET_MASQUERADE);
  gtk_widget_set_visible (get_field (self, "persistent")->row, nat);
  gtk_widget_set_visible (get_field (self, "mark-op")->row, kind == NFL_TARGET_MARK);
  gtk_widget_set_visible (get_field (self, "mark-value")->row, kind == NFL_TARGET_MARK);
  {
    const char *op = combo_value (self, "connmark-op");
    gboolean copies = g_str_equal (op, "--save-mark") || g_str_equal (op, "--restore-mark");

    gtk_widget_set_visible (get_field (self, "connmark-op")->row, kind == NFL_TARGET_CONNMARK);
    gtk_widget_set_visible (get_field (self, "connmark-value")->row, kind == NFL_TARGET_CONNMARK && !copies);
    gtk_widget_set_visible (get_field (self, "connmark-nfmask")->row, kind == NFL_TARGET_CONNMARK && copies);
    gtk_widget_set_visible (get_field (self, "connmark-ctmask")->row, kind == NFL_TARGET_CONNMARK && copies);
  }
  gtk_widget_set_visible (get_field (self, "tos-op")->row, kind == NFL_TARGET_TOS);
  gtk_widget_set_visible (get_field (self, "tos-value")->row, kind == NFL_TARGET_TOS);
  gtk_widget_set_visible (get_field (self, "tcpmss-op")->row, kind == NFL_TARGET_TCPMSS);
  gtk_widget_set_visible (get_field (self, "tcpmss-value")->row,
                          kind == NFL_TARGET_TCPMSS && g_str_equal (combo_value (self, "tcpmss-op"), "--set-mss"));
  gtk_widget_set_visible (get_field (self, "ttl-op")->row, kind == NFL_TARGET_TTL);
  gtk_widget_set_visible (get_field (self, "ttl-value")->row, kind == NFL_TARGET_TTL);

  /* a hidden field shows no reason */
  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *f = g_ptr_array_index (self->field_order, i);

      if (f->message != NULL && !gtk_widget_get_visible (f->row))
        gtk_widget_set_visible (f->message, FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (targets[i].kind == kind)
      adw_action_row_set_subtitle (ADW_ACTION_ROW (get_field (self, "target")->row),
                                   _(targets[i].description));
}

/* ---------------------------------------------------------------------- */
/* form → text                                                             */
/* ---------------------------------------------------------------------- */

static void
set_text (NflRuleForm *self,
          const char  *text)
{
  self->writing++;
  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), text);
  self->writing--;
}

/* The fields checked, each alone and together; returns the rule they
 * make and fills @w with their words. */
static NflRule *
check_form (NflRuleForm  *self,
            Words        *w,
            GError      **error)
{
  Field *bad_field = NULL;
  NflRule *rule;

  update_visibility (self);
  collect_words (self, w);
  check_fields (self);
  rule = check_rule (self, w, &bad_field, error);
  if (rule == NULL && bad_field != NULL && !bad_field->has_message)
    set_field_message (bad_field, (*error)->message);
  return rule;
}

static void
update_from_form (NflRuleForm *self)
{
  g_autoptr(GError) error = NULL;
  Words w = { 0 };
  NflRule *rule = check_form (self, &w, &error);
  g_autofree char *text = NULL;

  if (rule != NULL)
    text = command_to_string (self, rule);
  else
    {
      GString *out = g_string_new (NULL);
      g_autofree char *prefix = command_to_string (self, NULL);

      g_string_append (out, prefix);
      for (guint i = 0; i < w.words->len; i++)
        {
          g_string_append_c (out, ' ');
          nfl_append_quoted_word (out, g_ptr_array_index (w.words, i));
        }
      text = g_string_free (out, FALSE);
    }
  set_text (self, text);
  clear_text_mark (self);
  show_command_error (self, error != NULL ? error->message : NULL);
  set_rule (self, rule);
  words_clear (&w);
}

static void
field_changed_cb (NflRuleForm *self)
{
  if (self->filling > 0)
    return;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  update_from_form (self);
}

/* ---------------------------------------------------------------------- */
/* text → form                                                             */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflRuleForm   *self;
  const NflRule *rule;
  gboolean       apply;     /* FALSE: only see whether the form can show it */
  GHashTable    *seen;      /* what is filled already */
  char          *problem;   /* what the form cannot show */
} Fill;

static gboolean
fill_once (Fill       *fill,
           const char *what)
{
  if (g_hash_table_contains (fill->seen, what))
    {
      if (fill->problem == NULL)
        /* Translators: %s is an iptables option such as “-m mark” */
        fill->problem = g_strdup_printf (_("The form shows one “%s”: give it once"), what);
      return FALSE;
    }
  g_hash_table_add (fill->seen, g_strdup (what));
  return TRUE;
}

static void
fill_entry (Fill       *fill,
            const char *key,
            const char *text,
            gboolean    negate)
{
  Field *field;

  if (!fill_once (fill, key) || !fill->apply)
    return;
  field = get_field (fill->self, key);
  gtk_editable_set_text (GTK_EDITABLE (field->row), text);
  if (field->negate != NULL)
    set_negated (fill->self, key, negate);
}

static void
fill_states (Fill       *fill,
             const char *key,
             const char *states,
             gboolean    negate)
{
  g_auto(GStrv) names = g_strsplit (states, ",", -1);
  g_autofree char *not_key = g_strdup_printf ("%s:not", key);

  if (!fill_once (fill, key) || !fill->apply)
    return;
  set_on (fill->self, key, TRUE);
  set_on (fill->self, not_key, negate);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *check = g_strdup_printf ("%s:%s", key, names[i]);

      if (g_hash_table_contains (fill->self->fields, check))
        set_on (fill->self, check, TRUE);
    }
}

static void
fill_tcp_flags (Fill       *fill,
                const char *which,
                const char *flags)
{
  g_auto(GStrv) names = g_strsplit (flags, ",", -1);

  for (guint i = 0; i < G_N_ELEMENTS (tcp_flag_names); i++)
    {
      g_autofree char *check = g_strdup_printf ("tcp-flags-%s:%s", which, tcp_flag_names[i]);

      set_on (fill->self, check, g_strv_contains ((const char * const *) names, tcp_flag_names[i]) ||
                                 g_str_equal (flags, "ALL"));
    }
}

static void
fill_icmp (Fill                *fill,
           const NflRuleClause *clause)
{
  const NflMatch *m = nfl_rule_find_match (fill->rule, NFL_MATCH_ICMP);
  const char *name = NULL;

  if (!fill_once (fill, "icmp-type") || !fill->apply)
    return;
  if (m != NULL)
    name = m->icmp.any ? "any" : nfl_icmp_type_range_name (m->icmp.type, m->icmp.code_lo, m->icmp.code_hi);
  if (name == NULL || !combo_select (fill->self, "icmp-type", name))
    {
      combo_select (fill->self, "icmp-type", "other");
      gtk_editable_set_text (GTK_EDITABLE (get_field (fill->self, "icmp-number")->row), clause->args[0]);
    }
  set_negated (fill->self, "icmp-type", clause->negate);
}

static gboolean
combo_has (NflRuleForm *self,
           const char  *key,
           const char  *value)
{
  GPtrArray *values = get_field (self, key)->values;

  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;
  return FALSE;
}

static void
fill_combo (Fill       *fill,
            const char *key,
            const char *value)
{
  if (!fill_once (fill, key))
    return;
  if (fill->apply)
    combo_select (fill->self, key, value);
  else if (!combo_has (fill->self, key, value))
    {
      if (fill->problem == NULL)
        /* Translators: %s is a word of an iptables command */
        fill->problem = g_strdup_printf (_("The form cannot show “%s” here"), value);
      return;
    }
}

static void
fill_switch (Fill       *fill,
             const char *key)
{
  if (fill_once (fill, key) && fill->apply)
    set_on (fill->self, key, TRUE);
}

static void
fill_target_clause (Fill                *fill,
                    const NflRuleClause *c)
{
  const char *arg = c->n_args > 0 ? c->args[0] : "";
  const char *o = c->option;

  /* "-j DNAT" belongs to the target's extension, "-j CHAIN" to none */
  if (g_str_equal (o, "-j"))
    fill_combo (fill, "target", target_value (fill->rule->target.kind));
  else if (g_str_equal (o, "--reject-with"))
    fill_combo (fill, "reject-with", arg);
  else if (g_str_equal (o, "--log-prefix"))
    fill_entry (fill, "log-prefix", arg, FALSE);
  else if (g_str_equal (o, "--log-level"))
    fill_combo (fill, "log-level", arg);
  else if (g_str_equal (o, "--queue-num"))
    fill_entry (fill, "queue-num", arg, FALSE);
  else if (g_str_equal (o, "--queue-bypass"))
    fill_switch (fill, "queue-bypass");
  else if (g_str_equal (o, "--nflog-group") || g_str_equal (o, "--nflog-prefix") || g_str_equal (o, "--nflog-size"))
    fill_entry (fill, o + 2, arg, FALSE);
  else if (g_str_equal (o, "--to-destination") || g_str_equal (o, "--to-source"))
    fill_entry (fill, "nat-to", arg, FALSE);
  else if (g_str_equal (o, "--to-ports"))
    fill_entry (fill, "to-ports", arg, FALSE);
  else if (fill->rule->target.kind == NFL_TARGET_CONNMARK)
    {
      /* iptables-save's words: --set-xmark V/M, or --save-mark/--restore-mark with both masks */
      if (g_str_equal (o, "--nfmask") || g_str_equal (o, "--ctmask"))
        fill_entry (fill, g_str_equal (o, "--nfmask") ? "connmark-nfmask" : "connmark-ctmask", arg, FALSE);
      else
        {
          fill_combo (fill, "connmark-op", o);
          if (c->n_args > 0)
            fill_entry (fill, "connmark-value", arg, FALSE);
        }
    }
  else if (g_str_equal (o, "--set-xmark") || g_str_equal (o, "--set-mark") ||
           g_str_equal (o, "--and-mark") || g_str_equal (o, "--or-mark") || g_str_equal (o, "--xor-mark"))
    {
      fill_combo (fill, "mark-op", o);
      fill_entry (fill, "mark-value", arg, FALSE);
    }
  else if (g_str_has_suffix (o, "-tos"))
    {
      fill_combo (fill, "tos-op", o);
      fill_entry (fill, "tos-value", arg, FALSE);
    }
  else if (g_str_has_prefix (o, "--ttl-"))
    {
      fill_combo (fill, "ttl-op", o);
      fill_entry (fill, "ttl-value", arg, FALSE);
    }
  else if (g_str_equal (o, "--notrack") || g_str_equal (o, "--checksum-fill"))
    ;  /* CT, CHECKSUM: the target itself */
  else if (g_str_equal (o, "--set-mss"))
    {
      fill_combo (fill, "tcpmss-op", o);
      fill_entry (fill, "tcpmss-value", arg, FALSE);
    }
  else if (g_str_equal (o, "--clamp-mss-to-pmtu"))
    fill_combo (fill, "tcpmss-op", o);
  else if (g_str_has_prefix (o, "--log-") || g_str_equal (o, "--random") ||
           g_str_equal (o, "--random-fully") || g_str_equal (o, "--persistent"))
    fill_switch (fill, o + 2);
  else if (fill->problem == NULL)
    fill->problem = g_strdup_printf (_("The form cannot show “%s” here"), o);
}

static void
fill_clause_cb (const NflRuleClause *c,
                gpointer             user_data)
{
  Fill *fill = user_data;
  NflRuleForm *self = fill->self;
  const char *arg = c->n_args > 0 ? c->args[0] : "";
  const char *o = c->option;
  const char *ext = c->extension;

  if (ext != NULL && g_str_equal (ext, "unmodelled"))
    {
      if (fill->problem == NULL)
        /* Translators: %s is a kept part of a rule, “-m recent --set” */
        fill->problem = g_strdup_printf (_("“%s” is kept as written: the simulator does not model it, "
                                           "and the form cannot edit it"), o);
      return;
    }
  if (g_str_equal (o, "-m"))
    {
      /* a match is the fields of its options: one of each */
      g_autofree char *what = g_strdup_printf ("-m %s", arg);
      fill_once (fill, what);
      return;
    }
  if (ext == NULL)
    {
      if (g_str_equal (o, "-s"))
        fill_entry (fill, "source", arg, c->negate);
      else if (g_str_equal (o, "-d"))
        fill_entry (fill, "destination", arg, c->negate);
      else if (g_str_equal (o, "-i") || g_str_equal (o, "-o"))
        {
          const char *key = g_str_equal (o, "-i") ? "in-interface" : "out-interface";

          if (!gtk_widget_get_visible (get_field (self, key)->row) && fill->problem == NULL)
            fill->problem = g_strdup_printf (_("The form cannot show “%s” here"), o);
          fill_entry (fill, key, arg, c->negate);
        }
      else if (g_str_equal (o, "-p"))
        {
          if (!fill_once (fill, "protocol") || !fill->apply)
            return;
          if (!combo_select (self, "protocol", arg))
            {
              combo_select (self, "protocol", "other");
              gtk_editable_set_text (GTK_EDITABLE (get_field (self, "protocol-number")->row), arg);
            }
          set_negated (self, "protocol", c->negate);
        }
      else if (g_str_equal (o, "-f"))
        {
          if (fill_once (fill, "fragment") && fill->apply)
            combo_select (self, "fragment", c->negate ? "!" : "-f");
        }
      else if (g_str_equal (o, "-j") || g_str_equal (o, "-g"))
        {
          NflTargetKind kind = fill->rule->target.kind;

          if (kind == NFL_TARGET_JUMP || kind == NFL_TARGET_GOTO)
            {
              fill_combo (fill, "target", o);
              fill_combo (fill, "chain", arg);
            }
          else
            fill_combo (fill, "target", target_value (kind));
        }
      return;
    }

  if (g_str_equal (ext, "tcp") || g_str_equal (ext, "udp"))
    {
      if (g_str_equal (o, "--sport"))
        fill_entry (fill, "sport", arg, c->negate);
      else if (g_str_equal (o, "--dport"))
        fill_entry (fill, "dport", arg, c->negate);
      else if (g_str_equal (o, "--tcp-flags") && fill_once (fill, "tcp-flags") && fill->apply)
        {
          set_on (self, "tcp-flags", TRUE);
          set_on (self, "tcp-flags:not", c->negate);
          fill_tcp_flags (fill, "mask", c->args[0]);
          fill_tcp_flags (fill, "comp", c->n_args > 1 ? c->args[1] : "");
        }
    }
  else if (g_str_equal (ext, "icmp"))
    fill_icmp (fill, c);
  else if (g_str_equal (ext, "multiport"))
    {
      if (fill_once (fill, "multiport-which") && fill->apply)
        combo_select (self, "multiport-which", o);
      fill_entry (fill, "multiport", arg, c->negate);
    }
  else if (g_str_equal (ext, "conntrack") && g_str_equal (o, "--ctstate"))
    fill_states (fill, "ctstate", arg, c->negate);
  else if (g_str_equal (ext, "conntrack") && g_str_equal (o, "--ctdir"))
    fill_combo (fill, "ctdir", arg);
  else if (g_str_equal (ext, "conntrack"))
    {
      fill_entry (fill, o + 2, arg, c->negate);
      /* an address or port of the entry's tuples: shown, not folded away */
      if (fill->apply && (g_str_has_prefix (o, "--ctorig") || g_str_has_prefix (o, "--ctrepl")))
        adw_expander_row_set_expanded (self->ct_tuples_row, TRUE);
    }
  else if (g_str_equal (ext, "state"))
    fill_states (fill, "state", arg, c->negate);
  else if (g_str_equal (ext, "mark"))
    fill_entry (fill, "mark", arg, c->negate);
  else if (g_str_equal (ext, "connmark"))
    fill_entry (fill, "connmark", arg, c->negate);
  else if (g_str_equal (ext, "recent"))
    {
      /* the form has the action, the list, --seconds, --hitcount and the side */
      if (g_str_equal (o, "--set") || g_str_equal (o, "--rcheck") || g_str_equal (o, "--update") ||
          g_str_equal (o, "--remove"))
        {
          fill_combo (fill, "recent-action", o);
          if (fill->apply)
            set_negated (fill->self, "recent-action", c->negate);
        }
      else if (g_str_equal (o, "--seconds") || g_str_equal (o, "--hitcount"))
        fill_entry (fill, g_str_equal (o, "--seconds") ? "recent-seconds" : "recent-hitcount", arg, FALSE);
      else if (g_str_equal (o, "--name"))
        fill_entry (fill, "recent-name", g_str_equal (arg, "DEFAULT") ? "" : arg, FALSE);
      else if (g_str_equal (o, "--rdest"))
        fill_combo (fill, "recent-side", o);
      else if (!g_str_equal (o, "--rsource") && !(g_str_equal (o, "--mask") && g_str_equal (arg, "255.255.255.255")) &&
               fill->problem == NULL)
        fill->problem = g_strdup_printf (_("The form has no field for -m recent %s"), o);
    }
  else if (g_str_equal (ext, "comment"))
    fill_entry (fill, "comment", arg, FALSE);
  else if (g_str_equal (ext, "iprange"))
    fill_entry (fill, g_str_equal (o, "--src-range") ? "src-range" : "dst-range", arg, c->negate);
  else if (g_str_equal (ext, "addrtype") && g_str_has_prefix (o, "--limit-iface-"))
    {
      if (fill_once (fill, "addrtype-limit") && fill->apply)
        combo_select (self, "addrtype-limit", o);
    }
  else if (g_str_equal (ext, "addrtype"))
    fill_entry (fill, g_str_equal (o, "--src-type") ? "src-type" : "dst-type", arg, c->negate);
  else if (g_str_equal (ext, "limit"))
    fill_entry (fill, g_str_equal (o, "--limit") ? "limit" : "limit-burst", arg, FALSE);
  else if (g_str_equal (ext, "physdev") && (g_str_equal (o, "--physdev-in") || g_str_equal (o, "--physdev-out")))
    fill_entry (fill, o + 2, arg, c->negate);
  else if (g_str_equal (ext, "physdev") && g_str_equal (o, "--physdev-is-bridged") && !c->negate)
    fill_switch (fill, "physdev-is-bridged");
  else if (g_str_equal (ext, "physdev"))
    {
      /* --physdev-is-in, --physdev-is-out and a negated --physdev-is-bridged */
      if (fill->problem == NULL)
        fill->problem = g_strdup_printf (_("The form cannot show “%s%s” here"), c->negate ? "! " : "", o);
    }
  else if (g_str_equal (ext, "pkttype"))
    {
      fill_combo (fill, "pkt-type", arg);
      if (fill->apply)
        set_negated (fill->self, "pkt-type", c->negate);
    }
  else if (g_str_equal (ext, "owner") && (g_str_equal (o, "--uid-owner") || g_str_equal (o, "--gid-owner")))
    fill_entry (fill, g_str_equal (o, "--uid-owner") ? "owner-uid" : "owner-gid", arg, c->negate);
  else if (g_str_equal (ext, "owner") && !c->negate)
    fill_switch (fill, g_str_equal (o, "--socket-exists") ? "owner-socket" : "owner-suppl-groups");
  else if (g_str_equal (ext, "owner"))
    {
      /* ! --socket-exists */
      if (fill->problem == NULL)
        fill->problem = g_strdup_printf (_("The form cannot show “! %s” here"), o);
    }
  else if (g_str_equal (ext, "length"))
    fill_entry (fill, "length", arg, c->negate);
  else if (g_str_equal (ext, "ttl"))
    {
      if (fill_once (fill, "ttl-compare") && fill->apply)
        combo_select (self, "ttl-compare", o);
      fill_entry (fill, "ttl-match", arg, c->negate);
    }
  else if (g_str_equal (ext, "statistic") && g_str_equal (o, "--every"))
    fill_entry (fill, "nth-every", arg, c->negate);
  else if (g_str_equal (ext, "statistic") && g_str_equal (o, "--packet"))
    fill_entry (fill, "nth-packet", arg, FALSE);
  else if (g_str_equal (ext, "statistic"))
    ;  /* --mode nth: the only mode the form has */
  else
    fill_target_clause (fill, c);
}

/* Every field back to nothing, as a new rule's form starts. */
static void
reset_fields (NflRuleForm *self)
{
  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *field = g_ptr_array_index (self->field_order, i);

      switch (field->kind)
        {
        case FIELD_ENTRY:
          gtk_editable_set_text (GTK_EDITABLE (field->row), "");
          break;
        case FIELD_COMBO:
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), 0);
          break;
        case FIELD_SWITCH:
        case FIELD_CHECK:
        case FIELD_EXPANDER:
          set_on (self, field->key, FALSE);
          break;
        default:
          g_assert_not_reached ();
        }
      if (field->negate != NULL)
        set_negated (self, field->key, FALSE);
    }
  combo_select (self, "reject-with", "icmp-port-unreachable");
  combo_select (self, "log-level", "4");
  adw_expander_row_set_expanded (self->ct_tuples_row, FALSE);
}

/* Whether the form can show @rule; sets the fields when @apply. */
static gboolean
fill_from_rule (NflRuleForm    *self,
                const NflRule  *rule,
                gboolean        apply,
                char          **problem)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Fill fill = { self, rule, apply, seen, NULL };

  if (apply)
    {
      self->filling++;
      reset_fields (self);
    }
  nfl_rule_foreach_clause (rule, fill_clause_cb, &fill);
  if (apply)
    {
      self->filling--;
      update_visibility (self);
    }
  if (fill.problem != NULL)
    {
      *problem = fill.problem;
      return FALSE;
    }
  return TRUE;
}

/* Marks @length bytes from @offset of the command text. */
static void
mark_text (NflRuleForm *self,
           guint        offset,
           guint        length)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoAttribute *attr;

  gtk_widget_add_css_class (GTK_WIDGET (self->command_entry), "error");
  if (length == 0)
    {
      gtk_entry_set_attributes (self->command_entry, NULL);
      return;
    }
  attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
  attr->start_index = offset;
  attr->end_index = offset + length;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = offset;
  attr->end_index = offset + length;
  pango_attr_list_insert (attrs, attr);
  gtk_entry_set_attributes (self->command_entry, attrs);
}

static void
refuse_text (NflRuleForm *self,
             guint        bad_offset,
             guint        bad_length,
             const char  *message)
{
  mark_text (self, bad_offset, bad_length);
  show_command_error (self, message);
  set_rule (self, NULL);
}

/* The text's table, chain and place must be this dialog's. */
static gboolean
check_command_place (NflRuleForm     *self,
                     NflRuleCommand  *command,
                     GError         **error)
{
  if (command->table != self->table || g_strcmp0 (command->chain, self->chain) != 0)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   /* Translators: %s %s are an iptables table and chain, “nat PREROUTING” */
                   _("This rule is for %s %s: keep its table and chain"),
                   nfl_table_name (self->table), self->chain);
      return FALSE;
    }
  if (self->rule_number > 0 &&
      (command->op != NFL_RULE_OP_REPLACE || command->position != self->rule_number))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("This dialog edits rule %u: keep “-R %s %u”"),
                   self->rule_number, self->chain, self->rule_number);
      return FALSE;
    }
  if (self->rule_number == 0 && command->op == NFL_RULE_OP_REPLACE)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("This dialog adds a rule: use -A or -I"));
      return FALSE;
    }
  return TRUE;
}

static void
update_from_text (NflRuleForm *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->command_entry));
  NflRuleCommand command = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint bad_offset = 0, bad_length = 0;
  NflRuleset *ruleset = get_ruleset (self);

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  if (!nfl_iptables_parse_rule_command (text, &command, &bad_offset, &bad_length, &error))
    {
      refuse_text (self, bad_offset, bad_length, error->message);
      return;
    }
  if (!check_command_place (self, &command, &error) ||
      (ruleset != NULL && !nfl_ruleset_check_rule (ruleset, self->table, self->chain, command.rule, &error)))
    {
      refuse_text (self, 0, 0, error->message);
      nfl_rule_command_clear (&command);
      return;
    }
  if (!fill_from_rule (self, command.rule, FALSE, &problem))
    {
      refuse_text (self, 0, 0, problem);
      nfl_rule_command_clear (&command);
      return;
    }
  if (self->rule_number == 0)
    self->position = command.op == NFL_RULE_OP_APPEND ? 0 : MAX (command.position, 1);
  fill_from_rule (self, command.rule, TRUE, &problem);
  {
    Words w = { 0 };

    collect_words (self, &w);
    check_fields (self);
    words_clear (&w);
  }
  clear_text_mark (self);
  show_command_error (self, NULL);
  set_rule (self, g_steal_pointer (&command.rule));
  nfl_rule_command_clear (&command);
}

static void
command_changed_cb (NflRuleForm *self)
{
  if (self->writing > 0)
    return;
  update_from_text (self);
}

/* Enter in the command line: the word it is wrong about selected. */
static void
command_activated_cb (NflRuleForm *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->command_entry));
  NflRuleCommand command = { 0 };
  guint bad_offset = 0, bad_length = 0;

  if (self->rule != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "rule-form.apply", NULL);
      return;
    }
  if (nfl_iptables_parse_rule_command (text, &command, &bad_offset, &bad_length, NULL))
    nfl_rule_command_clear (&command);
  else if (bad_length > 0)
    {
      glong start = g_utf8_pointer_to_offset (text, text + bad_offset);
      glong end = g_utf8_pointer_to_offset (text, text + bad_offset + bad_length);

      gtk_editable_select_region (GTK_EDITABLE (self->command_entry), start, end);
    }
}

static void
document_changed_cb (NflRuleForm *self)
{
  /* the chain's rules changed: whether the rule fits may have too */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->command_entry), "error") && self->rule == NULL)
    update_from_text (self);
  else
    update_from_form (self);
}

/* ---------------------------------------------------------------------- */
/* building the form                                                       */
/* ---------------------------------------------------------------------- */

static Field *
add_field (NflRuleForm *self,
           FieldKind    kind,
           const char  *key,
           GtkWidget   *row,
           GtkWidget   *control)
{
  Field *field = g_new0 (Field, 1);

  field->kind = kind;
  field->key = g_strdup (key);
  field->row = row;
  field->control = control != NULL ? control : row;
  field->words = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (field->control), "nfl-key", g_strdup (key), g_free);
  if (field->control != row)
    g_object_set_data_full (G_OBJECT (row), "nfl-key", g_strdup_printf ("%s:row", key), g_free);
  g_hash_table_insert (self->fields, field->key, field);
  g_ptr_array_add (self->field_order, field);
  return field;
}

/* A row under @row's own that shows the parser's reason for it. */
static void
add_message_row (NflRuleForm *self,
                 GtkWidget   *parent,
                 Field       *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "nfl-field-message");
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "nfl-key", g_strdup_printf ("%s:message", field->key), g_free);
  field->message = row;
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

static void
add_to (GtkWidget *parent,
        GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

static GtkWidget *
negate_button_new (const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new_with_label ("!");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "nfl-negate");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invert"), -1);
  return button;
}

static void
attach_negate (NflRuleForm *self,
               Field       *field,
               const char  *tooltip)
{
  g_autofree char *key = g_strdup_printf ("%s:not", field->key);

  field->negate = negate_button_new (tooltip != NULL ? tooltip : _("Invert: match the packets this does not match (“!”)"));
  g_object_set_data_full (G_OBJECT (field->negate), "nfl-key", g_steal_pointer (&key), g_free);
  g_signal_connect_swapped (field->negate, "toggled", G_CALLBACK (field_changed_cb), self);
}

static Field *
entry_field (NflRuleForm *self,
             GtkWidget   *parent,
             const char  *key,
             const char  *title,
             const char  *tooltip,
             gboolean     negatable)
{
  GtkWidget *row = adw_entry_row_new ();
  Field *field = add_field (self, FIELD_ENTRY, key, row, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
  if (negatable)
    {
      attach_negate (self, field, NULL);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), field->negate);
    }
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
  add_to (parent, row);
  add_message_row (self, parent, field);
  return field;
}

static void
whole_label_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
whole_label_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static Field *
combo_field (NflRuleForm       *self,
             GtkWidget         *parent,
             const char        *key,
             const char        *title,
             const char        *tooltip,
             GPtrArray         *labels,
             GPtrArray         *values,
             gboolean           negatable)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  Field *field = add_field (self, FIELD_COMBO, key, row, NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (labels, i));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  field->values = g_ptr_array_ref (values);
  g_object_set_data (G_OBJECT (row), "nfl-values", field->values);
  if (negatable)
    {
      attach_negate (self, field, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->negate);
    }
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  add_to (parent, row);
  add_message_row (self, parent, field);
  return field;
}

/* labels and values given as pairs, NULL-terminated */
static Field *
combo_field_pairs (NflRuleForm       *self,
                   GtkWidget         *parent,
                   const char        *key,
                   const char        *title,
                   const char        *tooltip,
                   const char *const *pairs,
                   gboolean           negatable)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_ptr_array_add (labels, (gpointer) _(pairs[i]));
      g_ptr_array_add (values, g_strdup (pairs[i + 1]));
    }
  return combo_field (self, parent, key, title, tooltip, labels, values, negatable);
}

static Field *
switch_field (NflRuleForm *self,
              GtkWidget   *parent,
              const char  *key,
              const char  *title,
              const char  *subtitle,
              const char  *tooltip)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  Field *field = add_field (self, FIELD_SWITCH, key, row, toggle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (field_changed_cb), self);
  add_to (parent, row);
  return field;
}

static Field *
expander_field (NflRuleForm *self,
                GtkWidget   *parent,
                const char  *key,
                const char  *title,
                const char  *subtitle,
                const char  *tooltip)
{
  GtkWidget *row = adw_expander_row_new ();
  Field *field = add_field (self, FIELD_EXPANDER, key, row, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  g_signal_connect_swapped (row, "notify::enable-expansion", G_CALLBACK (field_changed_cb), self);
  add_to (parent, row);
  return field;
}

static void
check_row (NflRuleForm *self,
           GtkWidget   *expander,
           const char  *key,
           const char  *title,
           const char  *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  add_field (self, FIELD_CHECK, key, row, check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static void
states_field (NflRuleForm *self,
              GtkWidget   *group,
              const char  *key,
              const char  *title,
              const char  *subtitle,
              const char  *tooltip,
              gboolean     nat_states)
{
  Field *field = expander_field (self, group, key, title, subtitle, tooltip);
  g_autofree char *not_key = g_strdup_printf ("%s:not", key);

  for (guint i = 0; i < G_N_ELEMENTS (ct_states); i++)
    {
      const char *name = nfl_ct_state_name (ct_states[i].state);
      g_autofree char *check = g_strdup_printf ("%s:%s", key, name);

      if (!nat_states && (ct_states[i].state == NFL_CT_SNAT || ct_states[i].state == NFL_CT_DNAT))
        continue;
      check_row (self, field->row, check, name, _(ct_states[i].description));
    }
  switch_field (self, field->row, not_key, _("Invert"),
                _("Match the packets in none of these states (“!”)"), NULL);
  add_message_row (self, field->row, field);
}

/* One row of six check buttons, FIN to URG. */
static void
tcp_flags_row (NflRuleForm *self,
               GtkWidget   *expander,
               const char  *which,
               const char  *title,
               const char  *tooltip)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *checks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_set_homogeneous (GTK_BOX (checks), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), checks);
  for (guint i = 0; i < G_N_ELEMENTS (tcp_flag_names); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (tcp_flag_names[i]);
      g_autofree char *key = g_strdup_printf ("tcp-flags-%s:%s", which, tcp_flag_names[i]);
      g_autofree char *name = g_strdup_printf ("%s %s", title, tcp_flag_names[i]);

      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      add_field (self, FIELD_CHECK, key, check, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_changed_cb), self);
      gtk_box_append (GTK_BOX (checks), check);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

/* --syn: the flags it stands for */
static void
syn_changed_cb (NflRuleForm *self)
{
  gboolean syn;

  if (self->filling > 0)
    return;
  syn = is_on (self, "syn");
  self->filling++;
  if (syn)
    {
      set_on (self, "tcp-flags", TRUE);
      set_on (self, "tcp-flags:not", FALSE);
      for (guint i = 0; i < G_N_ELEMENTS (tcp_flag_names); i++)
        {
          g_autofree char *mask = g_strdup_printf ("tcp-flags-mask:%s", tcp_flag_names[i]);
          g_autofree char *comp = g_strdup_printf ("tcp-flags-comp:%s", tcp_flag_names[i]);
          const char *f = tcp_flag_names[i];

          set_on (self, mask, g_str_equal (f, "FIN") || g_str_equal (f, "SYN") ||
                              g_str_equal (f, "RST") || g_str_equal (f, "ACK"));
          set_on (self, comp, g_str_equal (f, "SYN"));
        }
    }
  else
    set_on (self, "tcp-flags", FALSE);
  self->filling--;
  field_changed_cb (self);
}

static void
build_match_groups (NflRuleForm *self)
{
  GtkWidget *group;
  Field *field;
  GtkWidget *menu_button;
  GMenu *menu;
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), self->ns);
  NflRuleset *ruleset = get_ruleset (self);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Packets"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The rule matches the packets that fit every field filled in"));
  combo_field_pairs (self, group, "protocol", _("Protocol"), _("-p: the packet’s protocol"),
                     (const char *const[]) { N_("Any"), "", "tcp", "tcp", "udp", "udp", "icmp", "icmp",
                                             N_("Other"), "other", NULL }, TRUE);
  entry_field (self, group, "protocol-number", _("Protocol Name or Number"),
               _("-p: a name from /etc/protocols (gre, esp, …) or a number 0–255"), FALSE);
  entry_field (self, group, "source", _("Source Address"),
               _("-s: an address or a network, 10.1.0.0/24"), TRUE);
  entry_field (self, group, "destination", _("Destination Address"),
               _("-d: an address or a network, 169.254.169.254/32"), TRUE);

  for (guint out = 0; out < 2; out++)
    {
      const char *key = out ? "out-interface" : "in-interface";
      g_autofree char *action = NULL;

      field = entry_field (self, group, key, out ? _("Output Interface") : _("Input Interface"),
                           out ? _("-o: the interface the packet leaves by; a name ending in “+” matches every name that begins so")
                               : _("-i: the interface the packet came in by; a name ending in “+” matches every name that begins so"),
                           TRUE);
      menu = g_menu_new ();
      for (guint i = 0; ns != NULL && i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
          g_autoptr(GMenuItem) item = g_menu_item_new (iface->name, NULL);

          g_menu_item_set_action_and_target_value (item, "rule-form.pick-interface",
                                                   g_variant_new ("(ss)", key, iface->name));
          g_menu_append_item (menu, item);
        }
      menu_button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (menu_button, "flat");
      gtk_widget_set_tooltip_text (menu_button, _("Interfaces of This Namespace"));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), menu_button);
      g_object_unref (menu);
      gtk_widget_set_visible (field->row,
                              ruleset == NULL ||
                              nfl_ruleset_interface_allowed (ruleset, self->table, self->chain, out, NULL));
    }
  combo_field_pairs (self, group, "fragment", _("Fragments"), _("-f: which pieces of fragmented packets"),
                     (const char *const[]) { N_("Every Packet"), "",
                                             N_("Second and Later Fragments"), "-f",
                                             N_("Unfragmented Packets and First Fragments"), "!", NULL },
                     FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));

  /* tcp and udp */
  group = adw_preferences_group_new ();
  self->ports_group = ADW_PREFERENCES_GROUP (group);
  entry_field (self, group, "sport", _("Source Port"),
               _("--sport: a port or a range, 1024:65535"), TRUE);
  entry_field (self, group, "dport", _("Destination Port"),
               _("--dport: a port or a range, 8000:8080"), TRUE);
  combo_field_pairs (self, group, "multiport-which", _("Port List Matches"),
                     _("-m multiport: which of the packet’s ports the list is for"),
                     (const char *const[]) { N_("Destination Port"), "--dports", N_("Source Port"), "--sports",
                                             N_("Either Port"), "--ports", NULL }, FALSE);
  entry_field (self, group, "multiport", _("Port List"),
               _("-m multiport: up to 15 ports or ranges, 20,21,8000:8080"), TRUE);
  field = switch_field (self, group, "syn", _("Connection Requests Only"),
                        _("--syn: SYN set, ACK, RST and FIN clear"),
                        _("--syn: the first packet of a TCP connection"));
  g_signal_handlers_disconnect_by_func (field->control, field_changed_cb, self);
  g_signal_connect_swapped (field->control, "notify::active", G_CALLBACK (syn_changed_cb), self);
  field = expander_field (self, group, "tcp-flags", _("TCP Flags"), "--tcp-flags",
                          _("--tcp-flags: of the flags examined, those set must be exactly these"));
  tcp_flags_row (self, field->row, "mask", _("Examined"), _("The flags looked at"));
  tcp_flags_row (self, field->row, "comp", _("Set"), _("Of those looked at, the ones that must be set"));
  switch_field (self, field->row, "tcp-flags:not", _("Invert"),
                _("Match the packets whose flags differ (“!”)"), NULL);
  add_message_row (self, field->row, field);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));

  /* icmp */
  group = adw_preferences_group_new ();
  self->icmp_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "ICMP");
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
    const char *name;

    g_ptr_array_add (labels, (gpointer) _("Every Type"));
    g_ptr_array_add (values, g_strdup (""));
    for (guint n = 0; (name = nfl_icmp_type_nth_name (n, NULL, NULL, NULL)) != NULL; n++)
      {
        g_ptr_array_add (labels, (gpointer) name);
        g_ptr_array_add (values, g_strdup (name));
      }
    g_ptr_array_add (labels, (gpointer) _("Other"));
    g_ptr_array_add (values, g_strdup ("other"));
    combo_field (self, group, "icmp-type", _("ICMP Type"), _("--icmp-type: the kind of ICMP message"),
                 labels, values, TRUE);
  }
  entry_field (self, group, "icmp-number", _("Type Number"),
               _("--icmp-type: a type 0–255, or TYPE/CODE"), FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));

  /* connection tracking */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Connection Tracking"));
  states_field (self, group, "ctstate", _("Connection State"), "-m conntrack --ctstate",
                _("-m conntrack: the state connection tracking gives the packet"), TRUE);
  entry_field (self, group, "ctproto", _("Connection Protocol"),
               _("-m conntrack --ctproto: the protocol of the packet’s connection, a name (tcp, udp, icmp) "
                 "or a number"), TRUE);
  combo_field_pairs (self, group, "ctdir", _("Direction"),
                     _("-m conntrack --ctdir: whether the packet goes the way the connection’s first packet "
                       "went (ORIGINAL) or comes back (REPLY)"),
                     (const char *const[]) { N_("Either Direction"), "",
                                             N_("Original (--ctdir ORIGINAL)"), "ORIGINAL",
                                             N_("Reply (--ctdir REPLY)"), "REPLY", NULL }, FALSE);
  entry_field (self, group, "ctstatus", _("Connection Status"),
               _("-m conntrack --ctstatus: matches when the entry has any of EXPECTED, SEEN_REPLY, ASSURED, "
                 "CONFIRMED (a list: SEEN_REPLY,ASSURED), or NONE of them"), TRUE);
  entry_field (self, group, "ctexpire", _("Seconds Left"),
               _("-m conntrack --ctexpire: the seconds the connection’s entry has left before it expires, "
                 "SECONDS or MIN:MAX"), TRUE);
  {
    static const struct {
      const char *key, *title, *tooltip;
    } tuples[] = {
      { "ctorigsrc", N_("Original Source"),
        N_("-m conntrack --ctorigsrc: the source of the connection’s first packet, before any NAT: an address "
           "or a network, 10.2.0.0/24") },
      { "ctorigdst", N_("Original Destination"),
        N_("-m conntrack --ctorigdst: the destination the connection’s first packet was sent to, before DNAT") },
      { "ctreplsrc", N_("Reply Source"),
        N_("-m conntrack --ctreplsrc: where replies come from: the original destination, or the address "
           "DNAT gave") },
      { "ctrepldst", N_("Reply Destination"),
        N_("-m conntrack --ctrepldst: where replies go to: the original source, or the address SNAT gave") },
      { "ctorigsrcport", N_("Original Source Port"),
        N_("-m conntrack --ctorigsrcport: the source port of the connection’s first packet, PORT or FIRST:LAST") },
      { "ctorigdstport", N_("Original Destination Port"),
        N_("-m conntrack --ctorigdstport: the destination port the first packet was sent to, before DNAT") },
      { "ctreplsrcport", N_("Reply Source Port"),
        N_("-m conntrack --ctreplsrcport: the port replies come from, after DNAT") },
      { "ctrepldstport", N_("Reply Destination Port"),
        N_("-m conntrack --ctrepldstport: the port replies go to, after SNAT") },
    };
    GtkWidget *row = adw_expander_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Connection Addresses and Ports"));
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                   _("The connection’s original and reply directions, before and after NAT"));
    gtk_widget_set_tooltip_text (row, _("-m conntrack --ctorigsrc, --ctorigdst, --ctreplsrc, --ctrepldst and "
                                        "their ports: the addresses connection tracking keeps for the packet’s "
                                        "connection"));
    g_object_set_data_full (G_OBJECT (row), "nfl-key", g_strdup ("ct-tuples"), g_free);
    self->ct_tuples_row = ADW_EXPANDER_ROW (row);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    for (guint i = 0; i < G_N_ELEMENTS (tuples); i++)
      entry_field (self, row, tuples[i].key, _(tuples[i].title), _(tuples[i].tooltip), TRUE);
  }
  states_field (self, group, "state", _("State"), "-m state --state",
                _("-m state: the older match for the same states"), FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));

  /* the rest */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("More Matches"));
  entry_field (self, group, "src-range", _("Source Address Range"),
               _("-m iprange --src-range: 10.1.0.1-10.1.0.20"), TRUE);
  entry_field (self, group, "dst-range", _("Destination Address Range"),
               _("-m iprange --dst-range: 10.2.0.1-10.2.0.20"), TRUE);
  entry_field (self, group, "src-type", _("Source Address Type"),
               _("-m addrtype --src-type: LOCAL, UNICAST, BROADCAST, MULTICAST, … (a list: LOCAL,BROADCAST)"), TRUE);
  entry_field (self, group, "dst-type", _("Destination Address Type"),
               _("-m addrtype --dst-type: LOCAL, UNICAST, BROADCAST, MULTICAST, … (a list: LOCAL,BROADCAST)"), TRUE);
  combo_field_pairs (self, group, "addrtype-limit", _("Address Types Seen By"),
                     _("-m addrtype: the whole namespace, or only the interface the packet came in on "
                       "(--limit-iface-in) or goes out on (--limit-iface-out)"),
                     (const char *const[]) { N_("Every Interface"), "", N_("Input Interface"), "--limit-iface-in",
                                             N_("Output Interface"), "--limit-iface-out", NULL }, FALSE);
  entry_field (self, group, "limit", _("Rate Limit"),
               _("-m limit --limit: at most this many packets on average, 3/min (per second, minute, hour or day)"),
               FALSE);
  entry_field (self, group, "limit-burst", _("Burst"),
               _("-m limit --limit-burst: how many packets may match at once before the rate applies (5)"), FALSE);
  entry_field (self, group, "physdev-in", _("Bridge Port In"),
               _("-m physdev --physdev-in: the bridge port a bridged packet came in by (“+” at the end: any "
                 "name that starts so)"), TRUE);
  entry_field (self, group, "physdev-out", _("Bridge Port Out"),
               _("-m physdev --physdev-out: the bridge port a bridged packet goes out by"), TRUE);
  switch_field (self, group, "physdev-is-bridged", _("Bridged Only"), "--physdev-is-bridged",
                _("-m physdev --physdev-is-bridged: only packets the bridge forwards between its ports, "
                  "not routed ones"));
  combo_field_pairs (self, group, "pkt-type", _("Frame Type"),
                     _("-m pkttype --pkt-type: how the frame the packet came in was addressed (packets made "
                       "here are unicast)"),
                     (const char *const[]) { N_("Any"), "", N_("Unicast"), "unicast", N_("Broadcast"), "broadcast",
                                             N_("Multicast"), "multicast", N_("Other Host"), "otherhost",
                                             NULL }, TRUE);
  entry_field (self, group, "owner-uid", _("Owner User"),
               _("-m owner --uid-owner: the user of the socket a packet made here leaves from, a name, an id "
                 "or FIRST-LAST (OUTPUT and POSTROUTING only)"), TRUE);
  entry_field (self, group, "owner-gid", _("Owner Group"),
               _("-m owner --gid-owner: the group of the socket a packet made here leaves from, a name, an id "
                 "or FIRST-LAST"), TRUE);
  switch_field (self, group, "owner-suppl-groups", _("Supplementary Groups Too"), "--suppl-groups",
                _("-m owner --suppl-groups: the owner group may also be one of the socket user’s "
                  "supplementary groups"));
  switch_field (self, group, "owner-socket", _("Has a Socket"), "--socket-exists",
                _("-m owner --socket-exists: the packet leaves from a socket (forwarded packets have none)"));
  entry_field (self, group, "length", _("Packet Length"),
               _("-m length --length: the IP packet's total length in bytes, N or FIRST:LAST"), TRUE);
  combo_field_pairs (self, group, "ttl-compare", _("TTL Is"),
                     _("-m ttl: how the packet's TTL compares with the value"),
                     (const char *const[]) { N_("Equal To"), "--ttl-eq", N_("Less Than"), "--ttl-lt",
                                             N_("Greater Than"), "--ttl-gt", NULL }, FALSE);
  entry_field (self, group, "ttl-match", _("TTL"),
               _("-m ttl: a TTL 0–255 (“!” with Equal To: not equal)"), TRUE);
  entry_field (self, group, "nth-every", _("Every Nth Packet"),
               _("-m statistic --mode nth --every: of the packets reaching the rule, one in N matches"), TRUE);
  entry_field (self, group, "nth-packet", _("Starting With Packet"),
               _("-m statistic --mode nth --packet: which of each N matches, counting from 0"), FALSE);
  entry_field (self, group, "mark", _("Mark"),
               _("-m mark --mark: the packet’s mark, VALUE or VALUE/MASK"), TRUE);
  combo_field_pairs (self, group, "recent-action", _("Recent List"),
                     _("-m recent: put the address in a list of recent ones, or look it up there"),
                     (const char *const[]) { N_("Not Used"), "", N_("Add (--set)"), "--set",
                                             N_("Is Listed (--rcheck)"), "--rcheck",
                                             N_("Is Listed, Add a Hit (--update)"), "--update",
                                             N_("Remove (--remove)"), "--remove", NULL }, TRUE);
  entry_field (self, group, "recent-name", _("List Name"), _("-m recent --name: the list (DEFAULT)"), FALSE);
  combo_field_pairs (self, group, "recent-side", _("Address"), _("-m recent: which address of the packet"),
                     (const char *const[]) { N_("Source (--rsource)"), "", N_("Destination (--rdest)"), "--rdest",
                                             NULL }, FALSE);
  entry_field (self, group, "recent-seconds", _("Within Seconds"),
               _("-m recent --seconds: only hits this recent count (--rcheck and --update)"), FALSE);
  entry_field (self, group, "recent-hitcount", _("Hits"),
               _("-m recent --hitcount: at least this many hits (--rcheck and --update)"), FALSE);
  entry_field (self, group, "connmark", _("Connection Mark"),
               _("-m connmark --mark: the mark of the packet’s connection, VALUE or VALUE/MASK"), TRUE);
  entry_field (self, group, "comment", _("Comment"),
               _("-m comment: a note kept with the rule (up to 255 bytes)"), FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
build_target_group (NflRuleForm *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) chain_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) chain_values = g_ptr_array_new_with_free_func (g_free);
  NflRuleset *ruleset = get_ruleset (self);
  NflTable *table = ruleset != NULL ? nfl_ruleset_get_table (ruleset, self->table) : NULL;

  self->target_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Action"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What happens to a packet the rule matches"));

  for (guint c = 0; table != NULL && c < table->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (table->chains, c);

      if (chain->builtin)
        continue;
      g_ptr_array_add (chain_labels, chain->name);
      g_ptr_array_add (chain_values, g_strdup (chain->name));
    }
  /* only what the engine says this chain takes */
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      NflTargetKind kind = targets[i].kind;

      if ((kind == NFL_TARGET_JUMP || kind == NFL_TARGET_GOTO) && chain_values->len == 0)
        continue;
      if (ruleset != NULL && !nfl_ruleset_target_allowed (ruleset, self->table, self->chain, kind, NULL))
        continue;
      g_ptr_array_add (labels, (gpointer) _(targets[i].label));
      g_ptr_array_add (values, g_strdup (target_value (kind)));
    }
  {
    Field *target = combo_field (self, group, "target", _("Target"), _("-j: what the rule does with the packet"),
                                 labels, values, FALSE);
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    /* the target's description is the row's subtitle, which can take the
     * row's width: the target's own name is shown whole, not ellipsized */
    g_signal_connect (factory, "setup", G_CALLBACK (whole_label_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (whole_label_bind_cb), NULL);
    adw_combo_row_set_factory (ADW_COMBO_ROW (target->row), factory);
  }
  combo_field (self, group, "chain", _("Chain"), _("The user chain of this table to continue in"),
               chain_labels, chain_values, FALSE);

  {
    g_autoptr(GPtrArray) with_labels = g_ptr_array_new ();
    g_autoptr(GPtrArray) with_values = g_ptr_array_new_with_free_func (g_free);

    for (guint w = NFL_REJECT_ICMP_NET_UNREACHABLE; w <= NFL_REJECT_TCP_RESET; w++)
      {
        g_ptr_array_add (with_labels, (gpointer) nfl_reject_with_name (w));
        g_ptr_array_add (with_values, g_strdup (nfl_reject_with_name (w)));
      }
    combo_field (self, group, "reject-with", _("Reject With"),
                 _("--reject-with: the ICMP error (or TCP reset) sent back"), with_labels, with_values, FALSE);
  }

  entry_field (self, group, "log-prefix", _("Log Prefix"),
               _("--log-prefix: up to 29 characters at the start of the log line"), FALSE);
  entry_field (self, group, "queue-num", _("Queue"),
               _("--queue-num: the nfqueue a program (suricata, a userspace firewall) reads packets from (0)"),
               FALSE);
  switch_field (self, group, "queue-bypass", _("Accept Without a Program"), "--queue-bypass",
                _("--queue-bypass: when no program listens on the queue, accept the packet instead of dropping it"));
  entry_field (self, group, "nflog-group", _("Netlink Group"),
               _("--nflog-group: the nflog group a logging program (ulogd, tcpdump -i nflog:N) listens on (0)"),
               FALSE);
  entry_field (self, group, "nflog-prefix", _("NFLOG Prefix"),
               _("--nflog-prefix: up to 127 characters handed to the program with the packet"), FALSE);
  entry_field (self, group, "nflog-size", _("Bytes Copied"),
               _("--nflog-size: how many bytes of the packet are copied (all of it when empty)"), FALSE);
  {
    g_autoptr(GPtrArray) level_labels = g_ptr_array_new ();
    g_autoptr(GPtrArray) level_values = g_ptr_array_new_with_free_func (g_free);

    for (guint l = 0; l < G_N_ELEMENTS (log_levels); l++)
      {
        g_ptr_array_add (level_labels, (gpointer) _(log_levels[l]));
        g_ptr_array_add (level_values, g_strdup_printf ("%u", l));
      }
    combo_field (self, group, "log-level", _("Log Level"), _("--log-level: the syslog level of the line"),
                 level_labels, level_values, FALSE);
  }
  switch_field (self, group, "log-tcp-sequence", _("TCP Sequence Numbers"), "--log-tcp-sequence",
                _("Log the TCP sequence numbers"));
  switch_field (self, group, "log-tcp-options", _("TCP Options"), "--log-tcp-options",
                _("Log the options of the TCP header"));
  switch_field (self, group, "log-ip-options", _("IP Options"), "--log-ip-options",
                _("Log the options of the IP header"));
  switch_field (self, group, "log-uid", _("User ID"), "--log-uid",
                _("Log the user ID of the process that sent the packet"));

  entry_field (self, group, "nat-to", _("To Destination"),
               _("ADDRESS[-ADDRESS][:PORT[-PORT]]: 10.1.0.10, 10.1.0.10:8080"), FALSE);
  entry_field (self, group, "to-ports", _("To Ports"),
               _("--to-ports: a port or a range, 8080 or 8000-8010"), FALSE);
  switch_field (self, group, "random", _("Random Ports"), "--random",
                _("Choose the source port at random"));
  switch_field (self, group, "random-fully", _("Fully Random Ports"), "--random-fully",
                _("Choose every port at random"));
  switch_field (self, group, "persistent", _("Persistent"), "--persistent",
                _("Give a client the same address for every connection"));

  combo_field_pairs (self, group, "mark-op", _("Operation"), _("How the mark changes"),
                     (const char *const[]) { N_("Set Bits of Mask (--set-xmark)"), "--set-xmark",
                                             N_("Set (--set-mark)"), "--set-mark",
                                             N_("And (--and-mark)"), "--and-mark",
                                             N_("Or (--or-mark)"), "--or-mark",
                                             N_("Exclusive Or (--xor-mark)"), "--xor-mark", NULL }, FALSE);
  entry_field (self, group, "mark-value", _("Value"), _("VALUE or VALUE/MASK: 0x1, 0x1/0xff"), FALSE);
  combo_field_pairs (self, group, "connmark-op", _("Operation"), _("How the connection’s mark changes"),
                     (const char *const[]) { N_("Set Bits of Mask (--set-xmark)"), "--set-xmark",
                                             N_("Set (--set-mark)"), "--set-mark",
                                             N_("And (--and-mark)"), "--and-mark",
                                             N_("Or (--or-mark)"), "--or-mark",
                                             N_("Exclusive Or (--xor-mark)"), "--xor-mark",
                                             N_("Save the Packet’s Mark (--save-mark)"), "--save-mark",
                                             N_("Restore to the Packet (--restore-mark)"), "--restore-mark",
                                             NULL }, FALSE);
  entry_field (self, group, "connmark-value", _("Value"), _("VALUE or VALUE/MASK: 0x1, 0x1/0xff"), FALSE);
  entry_field (self, group, "connmark-nfmask", _("Packet Mark Mask"),
               _("--nfmask: the bits of the packet’s mark that are copied (all)"), FALSE);
  entry_field (self, group, "connmark-ctmask", _("Connection Mark Mask"),
               _("--ctmask: the bits of the connection’s mark that are copied (all)"), FALSE);
  combo_field_pairs (self, group, "tos-op", _("Operation"), _("How the Type of Service field changes"),
                     (const char *const[]) { N_("Set (--set-tos)"), "--set-tos",
                                             N_("And (--and-tos)"), "--and-tos",
                                             N_("Or (--or-tos)"), "--or-tos",
                                             N_("Exclusive Or (--xor-tos)"), "--xor-tos", NULL }, FALSE);
  entry_field (self, group, "tos-value", _("Value"),
               _("VALUE[/MASK] or a name: 0x10, Minimize-Delay"), FALSE);
  combo_field_pairs (self, group, "ttl-op", _("Operation"), _("How the Time To Live changes"),
                     (const char *const[]) { N_("Set (--ttl-set)"), "--ttl-set",
                                             N_("Decrease (--ttl-dec)"), "--ttl-dec",
                                             N_("Increase (--ttl-inc)"), "--ttl-inc", NULL }, FALSE);
  entry_field (self, group, "ttl-value", _("Value"), _("0–255"), FALSE);
  combo_field_pairs (self, group, "tcpmss-op", _("Maximum Segment Size"),
                     _("TCPMSS: the MSS option of the connection request, lowered to a value or to what the "
                       "route out allows (FORWARD, OUTPUT and POSTROUTING only); it is never raised"),
                     (const char *const[]) { N_("Set (--set-mss)"), "--set-mss",
                                             N_("Clamp to the Path MTU (--clamp-mss-to-pmtu)"), "--clamp-mss-to-pmtu",
                                             NULL }, FALSE);
  entry_field (self, group, "tcpmss-value", _("MSS"),
               _("--set-mss: the largest segment, in bytes, the other side may send: 0–65515 (1460 on Ethernet)"),
               FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

/* ---------------------------------------------------------------------- */
/* actions                                                                 */
/* ---------------------------------------------------------------------- */

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NflRuleForm *self = NFL_RULE_FORM (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->rule == NULL)
    return;
  if (self->rule_number > 0)
    done = nfl_document_replace_rule (self->document, self->ns, self->table, self->chain,
                                      self->rule_number, self->rule, &error);
  else
    done = nfl_document_insert_rule (self->document, self->ns, self->table, self->chain,
                                     self->position, self->rule, &error);
  if (!done)
    {
      gtk_label_set_text (self->apply_error_label, error->message);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NflRuleForm *self = NFL_RULE_FORM (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), nfl_rule_form_get_command_text (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Command copied")));
}

static void
pick_interface_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NflRuleForm *self = NFL_RULE_FORM (widget);
  const char *key, *name;
  Field *field;

  g_variant_get (parameter, "(&s&s)", &key, &name);
  if (!g_hash_table_contains (self->fields, key))
    return;
  field = get_field (self, key);
  gtk_editable_set_text (GTK_EDITABLE (field->row), name);
  gtk_widget_grab_focus (field->row);
}

/* ---------------------------------------------------------------------- */
/* vfuncs                                                                  */
/* ---------------------------------------------------------------------- */

static void
nfl_rule_form_dispose (GObject *object)
{
  NflRuleForm *self = NFL_RULE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_RULE_FORM);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_rule_form_parent_class)->dispose (object);
}

static void
nfl_rule_form_finalize (GObject *object)
{
  NflRuleForm *self = NFL_RULE_FORM (object);

  g_free (self->ns);
  g_free (self->chain);
  g_clear_pointer (&self->rule, nfl_rule_free);
  g_clear_pointer (&self->field_order, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (nfl_rule_form_parent_class)->finalize (object);
}

static void
nfl_rule_form_class_init (NflRuleFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_rule_form_dispose;
  object_class->finalize = nfl_rule_form_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netfilterlab/NetfilterLab/nfl-rule-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, apply_button);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, apply_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, command_entry);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, command_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, page);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NflRuleForm, window_title);
  gtk_widget_class_bind_template_callback (widget_class, command_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, command_changed_cb);

  gtk_widget_class_install_action (widget_class, "rule-form.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "rule-form.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "rule-form.pick-interface", "(ss)", pick_interface_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "rule-form.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "rule-form.apply", NULL);
}

static void
nfl_rule_form_init (NflRuleForm *self)
{
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->field_order = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->command_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule Command"), -1);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

GtkWidget *
nfl_rule_form_new (GtkWindow   *parent,
                   NflDocument *document,
                   const char  *ns,
                   NflTableId   table,
                   const char  *chain,
                   guint        rule_number,
                   guint        position)
{
  NflRuleForm *self;
  g_autofree char *title = NULL;
  NflRuleset *ruleset;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NFL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (ns != NULL, NULL);
  g_return_val_if_fail (table < NFL_N_TABLES, NULL);
  g_return_val_if_fail (chain != NULL, NULL);

  self = g_object_new (NFL_TYPE_RULE_FORM, "transient-for", parent, "modal", TRUE, NULL);
  self->document = g_object_ref (document);
  self->ns = g_strdup (ns);
  self->table = table;
  self->chain = g_strdup (chain);
  self->rule_number = rule_number;
  self->position = rule_number > 0 ? 0 : position;

  if (rule_number > 0)
    /* Translators: the dialog's title: rule number, table and chain, “Edit Rule 2 of nat PREROUTING” */
    title = g_strdup_printf (_("Edit Rule %u of %s %s"), rule_number, nfl_table_name (table), chain);
  else
    /* Translators: the dialog's title: table and chain, “Add Rule to nat PREROUTING” */
    title = g_strdup_printf (_("Add Rule to %s %s"), nfl_table_name (table), chain);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, ns);
  gtk_button_set_label (self->apply_button, rule_number > 0 ? _("_Save") : _("_Add"));

  build_match_groups (self);
  build_target_group (self);
  reset_fields (self);

  ruleset = get_ruleset (self);
  if (rule_number > 0 && ruleset != NULL)
    {
      NflChain *c = nfl_ruleset_find_chain (ruleset, table, chain);

      if (c != NULL && rule_number <= c->rules->len)
        {
          NflRuleCommand command = {
            .table = table, .chain = self->chain, .op = NFL_RULE_OP_REPLACE,
            .position = rule_number, .rule = g_ptr_array_index (c->rules, rule_number - 1),
          };
          g_autofree char *text = nfl_rule_command_to_string (&command);

          nfl_rule_form_set_command_text (self, text);
        }
    }
  if (self->rule == NULL && !gtk_widget_get_visible (GTK_WIDGET (self->command_error_label)))
    update_from_form (self);

  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

const char *
nfl_rule_form_get_command_text (NflRuleForm *self)
{
  g_return_val_if_fail (NFL_IS_RULE_FORM (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->command_entry));
}

void
nfl_rule_form_set_command_text (NflRuleForm *self,
                                const char  *text)
{
  g_return_if_fail (NFL_IS_RULE_FORM (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), text);
}
