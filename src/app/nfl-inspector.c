/* nfl-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspector shows the scenario, a namespace or a link, named, and
 * looks them up again whenever the document changes.  The rows of the
 * lists (namespaces, interfaces, routes, services) are rebuilt only when
 * what they show changed; a rebuild keeps the expanded interfaces open and
 * gives the focus, the text and the cursor of an entry row back to the row
 * that replaces it, so a change that comes from elsewhere (undo, the
 * canvas) never takes the focus from an entry the user is typing in.  The
 * single rows (name, notes, forwarding) are set from the model only while
 * the user has not edited them.
 *
 * Every widget that stands for something of the model carries a key
 * ("address-add:veth1_ns2", "route-remove:0", …) as the object data
 * "nfl-key": the focus survives rebuilds by it, and the tests find the
 * rows by it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-inspector.h"

typedef enum {
  MODE_SCENARIO,
  MODE_NAMESPACE,
  MODE_LINK,
} Mode;

/* Rows added to a group by code, rebuilt when their signature changes. */
typedef struct {
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  char                *signature;
} Section;

struct _NflInspector
{
  GtkWidget             parent_instance;

  NflDocument          *document;
  Mode                  mode;
  char                 *shown_ns;
  char                 *shown_iface;
  guint                 applying;     /* depth of our own edits under way */
  gboolean              dirty;        /* the document changed during them */
  guint                 syncing;      /* setting widgets from the model */
  GHashTable           *expanded;     /* names of the interfaces shown open */
  GPtrArray            *removed;      /* rows taken out, freed when idle */
  guint                 removed_id;

  Section               namespaces;
  Section               interfaces;
  Section               routes;
  Section               services;

  /* template children */
  GtkTextView          *description_view;
  GtkLabel             *description_error_label;
  AdwActionRow         *forward_row;
  GtkSwitch            *forward_switch;
  AdwPreferencesGroup  *interfaces_group;
  GtkLabel             *interfaces_error_label;
  AdwActionRow         *link_a_addresses_row;
  AdwPreferencesGroup  *link_a_group;
  AdwEntryRow          *link_a_name_row;
  AdwActionRow         *link_a_namespace_row;
  AdwActionRow         *link_b_addresses_row;
  AdwPreferencesGroup  *link_b_group;
  AdwEntryRow          *link_b_name_row;
  AdwActionRow         *link_b_namespace_row;
  GtkLabel             *link_error_label;
  AdwPreferencesPage   *link_page;
  AdwEntryRow          *name_row;
  GtkLabel             *namespace_error_label;
  AdwPreferencesGroup  *namespace_group;
  AdwPreferencesPage   *namespace_page;
  GtkBox               *namespaces_empty;
  AdwPreferencesGroup  *namespaces_group;
  GtkTextView          *notes_view;
  GtkButton            *remove_link_button;
  AdwPreferencesGroup  *routes_group;
  GtkLabel             *routes_error_label;
  AdwActionRow         *rules_row;
  AdwPreferencesPage   *scenario_page;
  AdwPreferencesGroup  *services_group;
  GtkLabel             *services_error_label;
  GtkStack             *stack;
  GtkLabel             *title_error_label;
  AdwEntryRow          *title_row;
};

G_DEFINE_FINAL_TYPE (NflInspector, nfl_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NAMESPACE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The inspector's natural width: a GNOME sidebar's. */
#define NATURAL_WIDTH 340

static void refresh (NflInspector *self);

/* ---------------------------------------------------------------------- */
/* helpers: the model                                                      */
/* ---------------------------------------------------------------------- */

static NflScenario *
get_scenario (NflInspector *self)
{
  return self->document != NULL ? nfl_document_get_scenario (self->document) : NULL;
}

static NflNamespace *
find_namespace (NflInspector *self,
                const char   *name)
{
  NflScenario *scenario = get_scenario (self);

  if (scenario == NULL || name == NULL)
    return NULL;
  return nfl_scenario_find_namespace (scenario, name);
}

static guint
count_links (NflNamespace *ns)
{
  guint n = 0;

  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      if (iface->peer != NULL)
        n++;
    }
  return n;
}

/* "10.1.0.1/32, 10.1.0.2/24", or NULL when there are none */
static char *
join_addresses (NflInterface *iface)
{
  char *text = nfl_interface_dup_addresses_text (iface);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* As "ip route" prints it: "default via 10.1.0.1 dev veth1_ns1",
 * "10.1.0.1 dev veth1_ns1" (a host route without its /32). */
static char *
format_route (const NflRoute *route)
{
  g_auto(GStrv) words = nfl_route_to_words (route, TRUE);

  return g_strjoinv (" ", words);
}

/* "tcp 80", "udp 53 10.1.0.1": what "Add Service" takes */
static char *
format_service (const NflService *service)
{
  const char *proto = service->proto == 17 ? "udp" : "tcp";

  if (service->has_addr)
    {
      char buf[16];

      nfl_ipv4_format (service->addr, buf);
      return g_strdup_printf ("%s %u %s", proto, service->port, buf);
    }
  return g_strdup_printf ("%s %u", proto, service->port);
}

static char *
buffer_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A text written with line breaks (a scenario file's description) as
 * paragraphs that the text view wraps itself. */
static char *
reflow_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\n')
        g_string_append_c (out, *p);
      else if (p[1] == '\n')
        {
          while (p[1] == '\n')
            p++;
          g_string_append (out, "\n\n");
        }
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "12 rules in 3 tables", "No rules" */
static char *
describe_rules (NflNamespace *ns)
{
  guint rules = 0;
  guint tables = 0;
  g_autofree char *rules_text = NULL;
  g_autofree char *tables_text = NULL;

  if (ns->ruleset == NULL)
    return g_strdup (_("No rules"));
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      NflTable *table = &ns->ruleset->tables[t];
      guint in_table = 0;

      for (guint c = 0; table->chains != NULL && c < table->chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (table->chains, c);
          in_table += chain->rules != NULL ? chain->rules->len : 0;
        }
      rules += in_table;
      if (in_table > 0)
        tables++;
    }
  if (rules == 0)
    return g_strdup (_("No rules"));
  rules_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules", rules), rules);
  tables_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u table", "%u tables", tables), tables);
  /* Translators: "12 rules" in "3 tables" (the iptables tables) */
  return g_strdup_printf (C_("rules in tables", "%s in %s"), rules_text, tables_text);
}

/* ---------------------------------------------------------------------- */
/* helpers: widgets                                                        */
/* ---------------------------------------------------------------------- */

static void
set_key (gpointer    widget,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
set_key (gpointer    widget,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_object_set_data_full (G_OBJECT (widget), "nfl-key", g_strdup_vprintf (format, args), g_free);
  va_end (args);
}

static const char *
get_key (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "nfl-key");
}

static GtkWidget *
find_by_key (GtkWidget  *root,
             const char *key)
{
  if (g_strcmp0 (get_key (root), key) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_key (child, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_string_data (gpointer    widget,
                 const char *name,
                 const char *value)
{
  g_object_set_data_full (G_OBJECT (widget), name, g_strdup (value), g_free);
}

static const char *
get_string_data (gpointer    widget,
                 const char *name)
{
  return g_object_get_data (G_OBJECT (widget), name);
}

static void
set_accessible_label (gpointer    widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
set_error_class (gpointer widget,
                 gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

/* The engine's message under a group, and the row it is about in red. */
static void
show_error (GtkLabel   *label,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (row != NULL)
    set_error_class (row, TRUE);
}

static void
clear_error (GtkLabel *label)
{
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_label_set_text (label, "");
}

static void
clear_all_errors (NflInspector *self)
{
  clear_error (self->title_error_label);
  clear_error (self->description_error_label);
  clear_error (self->namespace_error_label);
  clear_error (self->interfaces_error_label);
  clear_error (self->routes_error_label);
  clear_error (self->services_error_label);
  clear_error (self->link_error_label);
  set_error_class (self->title_row, FALSE);
  set_error_class (self->name_row, FALSE);
  set_error_class (self->link_a_name_row, FALSE);
  set_error_class (self->link_b_name_row, FALSE);
}

/* An entry row the user has typed in keeps its text until applied. */
static void
set_edited (gpointer widget,
            gboolean edited)
{
  g_object_set_data (G_OBJECT (widget), "nfl-edited", GINT_TO_POINTER (edited));
}

static gboolean
get_edited (gpointer widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "nfl-edited"));
}

static void
sync_entry (NflInspector *self,
            AdwEntryRow  *row,
            const char   *text)
{
  if (get_edited (row))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    {
      self->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      self->syncing--;
    }
}

static void
reset_entry (NflInspector *self,
             AdwEntryRow  *row)
{
  set_edited (row, FALSE);
  set_error_class (row, FALSE);
}

static GtkWidget *
make_remove_button (const char *tooltip,
                    const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  set_accessible_label (button, accessible_label);
  return button;
}

/* ---------------------------------------------------------------------- */
/* edits: every change goes through the document                           */
/* ---------------------------------------------------------------------- */

/* Our own edits: the "changed" they cause refreshes once, after we have
 * taken note of what they did (a new name to show, an entry to clear). */
static void
begin_edit (NflInspector *self)
{
  self->applying++;
}

static void
end_edit (NflInspector *self)
{
  g_assert (self->applying > 0);
  if (--self->applying == 0 && self->dirty)
    {
      self->dirty = FALSE;
      refresh (self);
    }
}

/* ---------------------------------------------------------------------- */
/* sections: rows rebuilt when what they show changed                      */
/* ---------------------------------------------------------------------- */

typedef struct {
  char     *key;
  char     *text;
  int       position;
  gboolean  error;
  gboolean  edited;
} FocusState;

static void
focus_state_clear (FocusState *state)
{
  g_clear_pointer (&state->key, g_free);
  g_clear_pointer (&state->text, g_free);
}

static void
section_init (Section             *section,
              AdwPreferencesGroup *group)
{
  section->group = group;
  section->rows = g_ptr_array_new ();
  section->signature = NULL;
}

static void
section_clear (Section *section)
{
  g_clear_pointer (&section->rows, g_ptr_array_unref);
  g_clear_pointer (&section->signature, g_free);
}

static void
section_add (Section   *section,
             GtkWidget *row)
{
  adw_preferences_group_add (section->group, row);
  g_ptr_array_add (section->rows, row);
}

/* Which of the section's keyed widgets holds the focus, with its text. */
static void
save_focus (NflInspector *self,
            Section      *section,
            FocusState   *state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *keyed = NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (section->group); w = gtk_widget_get_parent (w))
    if (keyed == NULL && get_key (w) != NULL)
      keyed = w;
  if (focus == NULL || keyed == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (section->group)))
    return;
  state->key = g_strdup (get_key (keyed));
  if (GTK_IS_EDITABLE (keyed))
    {
      state->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (keyed)));
      state->position = gtk_editable_get_position (GTK_EDITABLE (keyed));
      state->error = gtk_widget_has_css_class (keyed, "error");
      state->edited = get_edited (keyed);
    }
}

static void
restore_focus (NflInspector *self,
               Section      *section,
               FocusState   *state)
{
  GtkWidget *widget;

  if (state->key == NULL)
    return;
  widget = find_by_key (GTK_WIDGET (section->group), state->key);
  if (widget == NULL)
    return;
  if (GTK_IS_EDITABLE (widget) && state->text != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (widget), state->text);
      set_error_class (widget, state->error);
      set_edited (widget, state->edited);
    }
  gtk_widget_grab_focus (widget);
  if (GTK_IS_EDITABLE (widget) && state->text != NULL)
    gtk_editable_set_position (GTK_EDITABLE (widget), state->position);
}

typedef void (*BuildFunc) (NflInspector *self,
                           Section      *section,
                           gpointer      data);

static gboolean
free_removed_cb (gpointer data)
{
  NflInspector *self = data;

  self->removed_id = 0;
  g_ptr_array_set_size (self->removed, 0);
  return G_SOURCE_REMOVE;
}

/* A row may be rebuilt from inside one of its own handlers (a switch's
 * notify::active): it is kept alive until the handler has returned. */
static void
keep_until_idle (NflInspector *self,
                 GtkWidget    *row)
{
  g_ptr_array_add (self->removed, g_object_ref (row));
  if (self->removed_id == 0)
    self->removed_id = g_idle_add (free_removed_cb, self);
}

static void
section_update (NflInspector *self,
                Section      *section,
                const char   *signature,
                BuildFunc     build,
                gpointer      data)
{
  FocusState state = { 0 };

  if (section->signature != NULL && g_strcmp0 (section->signature, signature) == 0)
    return;
  g_free (section->signature);
  section->signature = g_strdup (signature);

  save_focus (self, section, &state);
  for (guint i = 0; i < section->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (section->rows, i);

      keep_until_idle (self, row);
      adw_preferences_group_remove (section->group, row);
    }
  g_ptr_array_set_size (section->rows, 0);
  if (build != NULL)
    build (self, section, data);
  restore_focus (self, section, &state);
  focus_state_clear (&state);
}

static void
section_forget (Section *section)
{
  /* the next update rebuilds */
  g_clear_pointer (&section->signature, g_free);
}

/* ---------------------------------------------------------------------- */
/* the scenario                                                            */
/* ---------------------------------------------------------------------- */

static void
namespace_row_activated_cb (AdwActionRow *row,
                            NflInspector *self)
{
  const char *name = get_string_data (row, "nfl-ns");

  g_signal_emit (self, signals[NAMESPACE_ACTIVATED], 0, name);
}

static void
build_namespaces (NflInspector *self,
                  Section      *section,
                  gpointer      data)
{
  NflScenario *scenario = data;
  GPtrArray *namespaces = scenario != NULL ? nfl_scenario_get_namespaces (scenario) : NULL;

  for (guint i = 0; namespaces != NULL && i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      guint links = count_links (ns);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *subtitle = NULL;

      if (ns->ip_forward)
        /* Translators: a namespace that forwards packets, and its veth links */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "router · %u link", "router · %u links", links), links);
      else
        /* Translators: a namespace that does not forward packets, and its veth links */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "host · %u link", "host · %u links", links), links);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ns->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      set_key (row, "namespace:%s", ns->name);
      set_string_data (row, "nfl-ns", ns->name);
      g_signal_connect_object (row, "activated", G_CALLBACK (namespace_row_activated_cb), self, 0);
      section_add (section, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->namespaces_empty), namespaces == NULL || namespaces->len == 0);
}

static void
refresh_scenario (NflInspector *self)
{
  NflScenario *scenario = get_scenario (self);
  GPtrArray *namespaces = scenario != NULL ? nfl_scenario_get_namespaces (scenario) : NULL;
  const char *description = scenario != NULL ? nfl_scenario_get_description (scenario) : NULL;
  g_autoptr(GString) signature = g_string_new ("scenario");

  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), scenario != NULL);
  sync_entry (self, self->title_row, scenario != NULL && nfl_scenario_get_title (scenario) != NULL
                                     ? nfl_scenario_get_title (scenario) : "");

  /* shown as paragraphs; what is typed stays as typed (a line break
   * included), so the text is only set when its paragraphs differ */
  gtk_widget_set_sensitive (GTK_WIDGET (self->description_view), scenario != NULL);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
    g_autofree char *shown = buffer_dup_text (buffer);
    g_autofree char *shown_flow = reflow_text (shown);
    g_autofree char *text = reflow_text (description != NULL ? description : "");

    if (g_strcmp0 (shown_flow, text) != 0)
      {
        self->syncing++;
        gtk_text_buffer_set_text (buffer, text, -1);
        self->syncing--;
      }
  }

  for (guint i = 0; namespaces != NULL && i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      g_string_append_printf (signature, "\n%s %d %u", ns->name, ns->ip_forward, count_links (ns));
    }
  section_update (self, &self->namespaces, signature->str, build_namespaces, scenario);
}

static void
title_row_changed_cb (NflInspector *self)
{
  if (self->syncing)
    return;
  set_edited (self->title_row, TRUE);
  set_error_class (self->title_row, FALSE);
  clear_error (self->title_error_label);
}

static void
title_row_activated_cb (NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  gboolean ok;

  if (self->document == NULL)
    return;
  begin_edit (self);
  ok = nfl_document_set_title (self->document, text, &error);
  if (ok)
    reset_entry (self, self->title_row);
  else
    show_error (self->title_error_label, GTK_WIDGET (self->title_row), error->message);
  end_edit (self);
}

/* ---------------------------------------------------------------------- */
/* a namespace: its own rows                                               */
/* ---------------------------------------------------------------------- */

static void
name_row_changed_cb (NflInspector *self)
{
  const char *text;

  if (self->syncing)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  set_edited (self->name_row, TRUE);
  clear_error (self->namespace_error_label);
  set_error_class (self->name_row, *text != '\0' && !nfl_namespace_name_is_valid (text, NULL));
}

static void
name_row_activated_cb (NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  if (self->document == NULL || self->shown_ns == NULL)
    return;
  if (g_strcmp0 (new_name, self->shown_ns) == 0)
    {
      reset_entry (self, self->name_row);
      return;
    }
  begin_edit (self);
  if (nfl_document_rename_namespace (self->document, self->shown_ns, new_name, &error))
    {
      g_free (self->shown_ns);
      self->shown_ns = g_steal_pointer (&new_name);
      reset_entry (self, self->name_row);
      clear_error (self->namespace_error_label);
    }
  else
    show_error (self->namespace_error_label, GTK_WIDGET (self->name_row), error->message);
  end_edit (self);
}

static void
forward_switch_active_cb (NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (self->forward_switch);

  if (self->syncing || self->document == NULL || self->shown_ns == NULL)
    return;
  begin_edit (self);
  if (!nfl_document_set_ip_forward (self->document, self->shown_ns, active, &error))
    {
      show_error (self->namespace_error_label, NULL, error->message);
      /* the switch shows the model again */
      self->dirty = TRUE;
    }
  end_edit (self);
}

/* As the user types: the engine merges the keystrokes into one step. */
static void
description_buffer_changed_cb (NflInspector  *self,
                               GtkTextBuffer *buffer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->syncing || self->document == NULL)
    return;
  text = buffer_dup_text (buffer);
  begin_edit (self);
  if (!nfl_document_set_description (self->document, text, &error))
    show_error (self->description_error_label, NULL, error->message);
  else
    clear_error (self->description_error_label);
  end_edit (self);
}

static void
notes_buffer_changed_cb (NflInspector  *self,
                         GtkTextBuffer *buffer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->syncing || self->document == NULL || self->shown_ns == NULL)
    return;
  text = buffer_dup_text (buffer);
  begin_edit (self);
  if (!nfl_document_set_notes (self->document, self->shown_ns, text, &error))
    show_error (self->namespace_error_label, NULL, error->message);
  end_edit (self);
}

/* ---------------------------------------------------------------------- */
/* a namespace: interfaces                                                 */
/* ---------------------------------------------------------------------- */

static void
interface_expanded_cb (AdwExpanderRow *row,
                       GParamSpec     *pspec,
                       NflInspector   *self)
{
  const char *iface = get_string_data (row, "nfl-iface");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (iface));
  else
    g_hash_table_remove (self->expanded, iface);
}

static void
interface_up_cb (GtkSwitch    *toggle,
                 GParamSpec   *pspec,
                 NflInspector *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->shown_ns == NULL)
    return;
  clear_error (self->interfaces_error_label);
  begin_edit (self);
  if (!nfl_document_set_interface_up (self->document, self->shown_ns,
                                      get_string_data (toggle, "nfl-iface"),
                                      gtk_switch_get_active (toggle), &error))
    {
      show_error (self->interfaces_error_label, NULL, error->message);
      section_forget (&self->interfaces);
      self->dirty = TRUE;
    }
  end_edit (self);
}

static void
remove_address_clicked_cb (GtkButton    *button,
                           NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iface = g_strdup (get_string_data (button, "nfl-iface"));
  g_autofree char *cidr = g_strdup (get_string_data (button, "nfl-cidr"));

  if (self->shown_ns == NULL)
    return;
  clear_error (self->interfaces_error_label);
  begin_edit (self);
  if (!nfl_document_remove_address (self->document, self->shown_ns, iface, cidr, &error))
    show_error (self->interfaces_error_label, NULL, error->message);
  end_edit (self);
}

static gboolean
cidr_is_valid (const char *text)
{
  guint32 addr;
  guint prefix_len;

  return nfl_ipv4_parse_cidr (text, &addr, &prefix_len);
}

static void
add_address_changed_cb (AdwEntryRow  *row,
                        NflInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->syncing)
    return;
  set_edited (row, TRUE);
  clear_error (self->interfaces_error_label);
  set_error_class (row, *text != '\0' && !cidr_is_valid (text));
}

static void
add_address_activated_cb (AdwEntryRow  *row,
                          NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autofree char *iface = g_strdup (get_string_data (row, "nfl-iface"));

  g_strstrip (text);
  if (self->shown_ns == NULL || *text == '\0')
    return;
  if (!cidr_is_valid (text))
    {
      show_error (self->interfaces_error_label, GTK_WIDGET (row),
                  _("Not an IPv4 address with a prefix length, such as 10.1.0.1/24"));
      return;
    }
  begin_edit (self);
  if (nfl_document_add_address (self->document, self->shown_ns, iface, text, &error))
    {
      /* the row may be rebuilt at end_edit (): empty it first */
      self->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      self->syncing--;
      reset_entry (self, row);
      clear_error (self->interfaces_error_label);
    }
  else
    show_error (self->interfaces_error_label, GTK_WIDGET (row), error->message);
  end_edit (self);
}

static char *
describe_interface (NflInterface *iface)
{
  g_autofree char *addresses = join_addresses (iface);

  if (iface->is_loopback)
    {
      if (!iface->up)
        /* Translators: the loopback interface, switched off */
        return g_strdup (_("Loopback · down"));
      /* Translators: the loopback interface and its addresses */
      return addresses != NULL ? g_strdup_printf (_("Loopback · %s"), addresses) : g_strdup (_("Loopback"));
    }
  if (iface->is_bridge || iface->master != NULL)
    {
      g_autofree char *kind = NULL;
      g_autoptr(GPtrArray) ports = iface->is_bridge ? nfl_bridge_dup_ports (iface) : NULL;

      if (iface->is_bridge)
        /* Translators: a Linux bridge and how many ports it has */
        kind = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Bridge, %u port", "Bridge, %u ports", ports->len),
                                ports->len);
      else
        /* Translators: a veth end that is a port of the bridge %s */
        kind = g_strdup_printf (_("Port of %s"), iface->master->name);
      /* Translators: what an interface is, whether it is down, its addresses */
      return g_strdup_printf ("%s%s%s%s", kind, iface->up ? "" : _(" · down"), addresses ? " · " : "",
                              addresses ? addresses : "");
    }
  if (!iface->up)
    /* Translators: an interface switched off, and its addresses */
    return addresses != NULL ? g_strdup_printf (_("down · %s"), addresses) : g_strdup (_("down"));
  return addresses != NULL ? g_steal_pointer (&addresses) : g_strdup (_("No addresses"));
}

static GtkWidget *
build_interface_row (NflInspector *self,
                     NflInterface *iface)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *subtitle = describe_interface (iface);
  GtkWidget *row;
  GtkWidget *toggle;
  GtkWidget *entry;
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), iface->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  set_key (expander, "interface:%s", iface->name);
  set_string_data (expander, "nfl-iface", iface->name);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                 g_hash_table_contains (self->expanded, iface->name));
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (interface_expanded_cb), self, 0);

  /* the other end of a veth pair */
  if (iface->peer != NULL)
    {
      g_autofree char *peer = NULL;

      row = adw_action_row_new ();
      if (iface->peer->ns != NULL)
        /* Translators: the peer of a veth interface: "veth1_ns1 in ns1" */
        peer = g_strdup_printf (C_("interface in namespace", "%s in %s"), iface->peer->name, iface->peer->ns->name);
      else
        /* Translators: the peer of a veth interface, still in the host */
        peer = g_strdup_printf (_("%s in the host"), iface->peer->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Peer"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), peer);
      set_key (row, "interface-peer:%s", iface->name);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  /* ip link set IFACE up|down */
  row = adw_action_row_new ();
  toggle = gtk_switch_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Up"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), iface->up);
  /* Translators: the switch that brings an interface up or down */
  label = g_strdup_printf (_("%s Up"), iface->name);
  set_accessible_label (toggle, label);
  set_key (toggle, "interface-up:%s", iface->name);
  set_string_data (toggle, "nfl-iface", iface->name);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (interface_up_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  for (guint i = 0; i < iface->addresses->len; i++)
    {
      const NflAddress *address = &g_array_index (iface->addresses, NflAddress, i);
      g_autofree char *cidr = nfl_ipv4_cidr_to_string (address->addr, address->prefix_len);
      g_autofree char *remove_label = NULL;
      GtkWidget *button;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cidr);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      set_key (row, "address:%s:%s", iface->name, cidr);
      /* Translators: the accessible name of a button; %s is an address */
      remove_label = g_strdup_printf (_("Remove Address %s"), cidr);
      button = make_remove_button (_("Remove Address"), remove_label);
      set_key (button, "address-remove:%s:%s", iface->name, cidr);
      set_string_data (button, "nfl-iface", iface->name);
      set_string_data (button, "nfl-cidr", cidr);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_address_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Add Address"));
  gtk_widget_set_tooltip_text (entry, _("An IPv4 address and its prefix length, such as 10.1.0.1/24; Enter adds it"));
  set_key (entry, "address-add:%s", iface->name);
  set_string_data (entry, "nfl-iface", iface->name);
  g_signal_connect_object (entry, "changed", G_CALLBACK (add_address_changed_cb), self, 0);
  g_signal_connect_object (entry, "entry-activated", G_CALLBACK (add_address_activated_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry);

  return expander;
}

static void
build_interfaces (NflInspector *self,
                  Section      *section,
                  gpointer      data)
{
  NflNamespace *ns = data;

  /* the veth interfaces first, lo (which every namespace has) last */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ns->interfaces->len; i++)
      {
        NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

        if (iface->is_loopback == (pass == 1))
          section_add (section, build_interface_row (self, iface));
      }
}

static void
append_interfaces_signature (GString      *signature,
                             NflNamespace *ns)
{
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      g_autofree char *addresses = join_addresses (iface);

      g_string_append_printf (signature, "\n%s %d %d %s %s %s %d %s", iface->name, iface->is_loopback, iface->up,
                              iface->peer != NULL ? iface->peer->name : "-",
                              iface->peer != NULL && iface->peer->ns != NULL ? iface->peer->ns->name : "-",
                              addresses != NULL ? addresses : "-", iface->is_bridge,
                              iface->master != NULL ? iface->master->name : "-");
    }
}

/* ---------------------------------------------------------------------- */
/* a namespace: routes and services                                        */
/* ---------------------------------------------------------------------- */

static void
remove_route_clicked_cb (GtkButton    *button,
                         NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nfl-index"));

  if (self->shown_ns == NULL)
    return;
  clear_error (self->routes_error_label);
  begin_edit (self);
  if (!nfl_document_remove_route (self->document, self->shown_ns, index, &error))
    show_error (self->routes_error_label, NULL, error->message);
  end_edit (self);
}

static void
remove_service_clicked_cb (GtkButton    *button,
                           NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nfl-index"));

  if (self->shown_ns == NULL)
    return;
  clear_error (self->services_error_label);
  begin_edit (self);
  if (!nfl_document_remove_service (self->document, self->shown_ns, index, &error))
    show_error (self->services_error_label, NULL, error->message);
  end_edit (self);
}

static void
add_entry_changed_cb (AdwEntryRow  *row,
                      NflInspector *self)
{
  if (self->syncing)
    return;
  set_edited (row, TRUE);
  set_error_class (row, FALSE);
  clear_error (g_object_get_data (G_OBJECT (row), "nfl-error-label"));
}

typedef gboolean (*AddFunc) (NflDocument *document,
                             const char  *ns,
                             const char  *spec,
                             GError     **error);

static void
add_entry_activated_cb (AdwEntryRow  *row,
                        NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  GtkLabel *error_label = g_object_get_data (G_OBJECT (row), "nfl-error-label");
  AddFunc add = g_object_get_data (G_OBJECT (row), "nfl-add-func");

  g_strstrip (text);
  if (self->shown_ns == NULL || *text == '\0')
    return;
  begin_edit (self);
  if (add (self->document, self->shown_ns, text, &error))
    {
      self->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      self->syncing--;
      reset_entry (self, row);
      clear_error (error_label);
    }
  else
    show_error (error_label, GTK_WIDGET (row), error->message);
  end_edit (self);
}

static GtkWidget *
make_add_entry (NflInspector *self,
                const char   *title,
                const char   *tooltip,
                const char   *key,
                GtkLabel     *error_label,
                AddFunc       add)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_widget_set_tooltip_text (entry, tooltip);
  set_key (entry, "%s", key);
  g_object_set_data (G_OBJECT (entry), "nfl-error-label", error_label);
  g_object_set_data (G_OBJECT (entry), "nfl-add-func", add);
  g_signal_connect_object (entry, "changed", G_CALLBACK (add_entry_changed_cb), self, 0);
  g_signal_connect_object (entry, "entry-activated", G_CALLBACK (add_entry_activated_cb), self, 0);
  return entry;
}

static GtkWidget *
make_item_row (NflInspector *self,
               const char   *title,
               const char   *key_prefix,
               guint         index,
               const char   *tooltip,
               const char   *accessible_label,
               GCallback     remove_cb)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = make_remove_button (tooltip, accessible_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  set_key (row, "%s:%u", key_prefix, index);
  set_key (button, "%s-remove:%u", key_prefix, index);
  g_object_set_data (G_OBJECT (button), "nfl-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", remove_cb, self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
build_routes (NflInspector *self,
              Section      *section,
              gpointer      data)
{
  NflNamespace *ns = data;

  for (guint i = 0; i < ns->routes->len; i++)
    {
      g_autofree char *text = format_route (g_ptr_array_index (ns->routes, i));
      /* Translators: the accessible name of a button; %s is a route */
      g_autofree char *label = g_strdup_printf (_("Remove Route %s"), text);

      section_add (section, make_item_row (self, text, "route", i, _("Remove Route"), label,
                                           G_CALLBACK (remove_route_clicked_cb)));
    }
  section_add (section, make_add_entry (self, _("Add Route"),
                                        _("A route as “ip route add” takes it, such as “default via 10.1.0.1”; Enter adds it"),
                                        "route-add", self->routes_error_label, nfl_document_add_route));
}

static void
build_services (NflInspector *self,
                Section      *section,
                gpointer      data)
{
  NflNamespace *ns = data;

  for (guint i = 0; i < ns->services->len; i++)
    {
      g_autofree char *text = format_service (&g_array_index (ns->services, NflService, i));
      /* Translators: the accessible name of a button; %s is a service, such as "tcp 80" */
      g_autofree char *label = g_strdup_printf (_("Remove Service %s"), text);

      section_add (section, make_item_row (self, text, "service", i, _("Remove Service"), label,
                                           G_CALLBACK (remove_service_clicked_cb)));
    }
  section_add (section, make_add_entry (self, _("Add Service"),
                                        _("A protocol and a port, such as “tcp 80”, and optionally an address; Enter adds it"),
                                        "service-add", self->services_error_label, nfl_document_add_service));
}

static void
refresh_namespace (NflInspector *self,
                   NflNamespace *ns)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = buffer_dup_text (buffer);
  g_autofree char *rules = describe_rules (ns);
  g_autoptr(GString) signature = g_string_new (ns->name);

  sync_entry (self, self->name_row, ns->name);

  self->syncing++;
  if (g_strcmp0 (notes, ns->notes != NULL ? ns->notes : "") != 0)
    gtk_text_buffer_set_text (buffer, ns->notes != NULL ? ns->notes : "", -1);
  gtk_switch_set_active (self->forward_switch, ns->ip_forward);
  self->syncing--;

  adw_action_row_set_subtitle (self->rules_row, rules);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->rules_row), "s", ns->name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->rules_row), "win.show-rules");

  append_interfaces_signature (signature, ns);
  section_update (self, &self->interfaces, signature->str, build_interfaces, ns);

  g_string_assign (signature, ns->name);
  for (guint i = 0; i < ns->routes->len; i++)
    {
      g_autofree char *text = format_route (g_ptr_array_index (ns->routes, i));
      g_string_append_printf (signature, "\n%s", text);
    }
  section_update (self, &self->routes, signature->str, build_routes, ns);

  g_string_assign (signature, ns->name);
  for (guint i = 0; i < ns->services->len; i++)
    {
      g_autofree char *text = format_service (&g_array_index (ns->services, NflService, i));
      g_string_append_printf (signature, "\n%s", text);
    }
  section_update (self, &self->services, signature->str, build_services, ns);
}

/* ---------------------------------------------------------------------- */
/* a link                                                                  */
/* ---------------------------------------------------------------------- */

/* The ends of the shown link, or FALSE when it is gone. */
static gboolean
find_link (NflInspector  *self,
           NflInterface **end_a,
           NflInterface **end_b)
{
  NflNamespace *ns = find_namespace (self, self->shown_ns);
  NflInterface *iface = ns != NULL && self->shown_iface != NULL
                        ? nfl_namespace_find_interface (ns, self->shown_iface) : NULL;

  if (iface == NULL || iface->peer == NULL || iface->peer->ns == NULL)
    return FALSE;
  *end_a = iface;
  *end_b = iface->peer;
  return TRUE;
}

static void
refresh_link_end (NflInspector        *self,
                  NflInterface        *iface,
                  AdwPreferencesGroup *group,
                  AdwEntryRow         *name_row,
                  AdwActionRow        *addresses_row,
                  AdwActionRow        *namespace_row)
{
  g_autofree char *addresses = join_addresses (iface);
  g_autofree char *label = NULL;

  adw_preferences_group_set_title (group, iface->ns->name);
  /* Translators: the interface of a veth pair's end, in namespace %s */
  label = g_strdup_printf (_("Interface in %s"), iface->ns->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
  sync_entry (self, name_row, iface->name);
  set_string_data (name_row, "nfl-ns", iface->ns->name);
  set_string_data (name_row, "nfl-iface", iface->name);
  adw_action_row_set_subtitle (addresses_row, addresses != NULL ? addresses : _("None"));
  set_string_data (namespace_row, "nfl-ns", iface->ns->name);
}

static void
link_name_row_changed_cb (NflInspector *self,
                          AdwEntryRow  *row)
{
  const char *text;

  if (self->syncing)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (row));
  set_edited (row, TRUE);
  clear_error (self->link_error_label);
  set_error_class (row, *text != '\0' && !nfl_interface_name_is_valid (text, NULL));
}

static void
link_name_row_activated_cb (NflInspector *self,
                            AdwEntryRow  *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ns = g_strdup (get_string_data (row, "nfl-ns"));
  g_autofree char *iface = g_strdup (get_string_data (row, "nfl-iface"));
  g_autofree char *new_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (self->document == NULL || ns == NULL || iface == NULL)
    return;
  if (g_strcmp0 (new_name, iface) == 0)
    {
      reset_entry (self, row);
      return;
    }
  begin_edit (self);
  if (nfl_document_rename_interface (self->document, ns, iface, new_name, &error))
    {
      /* the link is shown by its first end */
      if (g_strcmp0 (ns, self->shown_ns) == 0 && g_strcmp0 (iface, self->shown_iface) == 0)
        {
          g_free (self->shown_iface);
          self->shown_iface = g_steal_pointer (&new_name);
        }
      reset_entry (self, row);
      clear_error (self->link_error_label);
    }
  else
    show_error (self->link_error_label, GTK_WIDGET (row), error->message);
  end_edit (self);
}

static void
link_namespace_row_activated_cb (NflInspector *self,
                                 AdwActionRow *row)
{
  g_autofree char *ns = g_strdup (get_string_data (row, "nfl-ns"));

  if (ns != NULL)
    g_signal_emit (self, signals[NAMESPACE_ACTIVATED], 0, ns);
}

static void
remove_link_button_clicked_cb (NflInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ns = g_strdup (self->shown_ns);

  if (self->document == NULL || self->shown_ns == NULL || self->shown_iface == NULL)
    return;
  begin_edit (self);
  if (nfl_document_remove_link (self->document, self->shown_ns, self->shown_iface, &error))
    /* what is left: the namespace it was shown from */
    nfl_inspector_show_namespace (self, ns);
  else
    show_error (self->link_error_label, NULL, error->message);
  end_edit (self);
}

/* ---------------------------------------------------------------------- */
/* showing                                                                 */
/* ---------------------------------------------------------------------- */

static void
refresh (NflInspector *self)
{
  NflInterface *end_a, *end_b;
  NflNamespace *ns;

  if (self->applying > 0)
    {
      self->dirty = TRUE;
      return;
    }

  switch (self->mode)
    {
    case MODE_LINK:
      if (find_link (self, &end_a, &end_b))
        {
          refresh_link_end (self, end_a, self->link_a_group, self->link_a_name_row,
                            self->link_a_addresses_row, self->link_a_namespace_row);
          refresh_link_end (self, end_b, self->link_b_group, self->link_b_name_row,
                            self->link_b_addresses_row, self->link_b_namespace_row);
          gtk_stack_set_visible_child_name (self->stack, "link");
          return;
        }
      /* the link is gone: its namespace, if that is still there */
      self->mode = MODE_NAMESPACE;
      g_clear_pointer (&self->shown_iface, g_free);
      G_GNUC_FALLTHROUGH;

    case MODE_NAMESPACE:
      ns = find_namespace (self, self->shown_ns);
      if (ns != NULL)
        {
          refresh_namespace (self, ns);
          gtk_stack_set_visible_child_name (self->stack, "namespace");
          return;
        }
      self->mode = MODE_SCENARIO;
      g_clear_pointer (&self->shown_ns, g_free);
      clear_all_errors (self);
      G_GNUC_FALLTHROUGH;

    case MODE_SCENARIO:
    default:
      refresh_scenario (self);
      gtk_stack_set_visible_child_name (self->stack, "scenario");
      break;
    }
}

/* libadwaita 1.2 has no adw_preferences_page_scroll_to_top () */
static void
scroll_to_top (AdwPreferencesPage *page)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (page)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w)), 0);
}

/* A new thing to show: nothing the user typed for the old one stays. */
static void
start_showing (NflInspector *self,
               Mode          mode,
               const char   *ns,
               const char   *iface)
{
  gboolean same_ns = g_strcmp0 (ns, self->shown_ns) == 0;
  g_autofree char *new_ns = g_strdup (ns);
  g_autofree char *new_iface = g_strdup (iface);

  if (self->mode == mode && same_ns && g_strcmp0 (iface, self->shown_iface) == 0)
    {
      refresh (self);
      return;
    }

  g_free (self->shown_ns);
  self->shown_ns = g_steal_pointer (&new_ns);
  g_free (self->shown_iface);
  self->shown_iface = g_steal_pointer (&new_iface);
  self->mode = mode;

  clear_all_errors (self);
  reset_entry (self, self->title_row);
  reset_entry (self, self->name_row);
  reset_entry (self, self->link_a_name_row);
  reset_entry (self, self->link_b_name_row);
  if (!same_ns)
    {
      scroll_to_top (self->namespace_page);
      scroll_to_top (self->link_page);
      g_hash_table_remove_all (self->expanded);
      /* a new namespace's lists start without the old one's typing */
      section_forget (&self->interfaces);
      section_forget (&self->routes);
      section_forget (&self->services);
    }
  refresh (self);
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

static void
document_changed_cb (NflInspector *self)
{
  refresh (self);
}

static void
nfl_inspector_real_namespace_activated (NflInspector *self,
                                        const char   *name)
{
  nfl_inspector_show_namespace (self, name);
}

/* ---------------------------------------------------------------------- */
/* GtkWidget                                                               */
/* ---------------------------------------------------------------------- */

static void
nfl_inspector_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NflInspector *self = NFL_INSPECTOR (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  /* wrapped labels would ask for a whole line's width */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
nfl_inspector_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  NflInspector *self = NFL_INSPECTOR (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_inspector_dispose (GObject *object)
{
  NflInspector *self = NFL_INSPECTOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_handle_id (&self->removed_id, g_source_remove);
  g_ptr_array_set_size (self->removed, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_INSPECTOR);

  G_OBJECT_CLASS (nfl_inspector_parent_class)->dispose (object);
}

static void
nfl_inspector_finalize (GObject *object)
{
  NflInspector *self = NFL_INSPECTOR (object);

  g_free (self->shown_ns);
  g_free (self->shown_iface);
  g_hash_table_unref (self->expanded);
  g_ptr_array_unref (self->removed);
  section_clear (&self->namespaces);
  section_clear (&self->interfaces);
  section_clear (&self->routes);
  section_clear (&self->services);

  G_OBJECT_CLASS (nfl_inspector_parent_class)->finalize (object);
}

static void
nfl_inspector_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NflInspector *self = NFL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, nfl_inspector_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_inspector_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NflInspector *self = NFL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      nfl_inspector_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_inspector_class_init (NflInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_inspector_dispose;
  object_class->finalize = nfl_inspector_finalize;
  object_class->get_property = nfl_inspector_get_property;
  object_class->set_property = nfl_inspector_set_property;

  widget_class->measure = nfl_inspector_measure;
  widget_class->size_allocate = nfl_inspector_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         NFL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NflInspector::namespace-activated:
   * @name: the namespace's name
   *
   * The user picked a namespace (in the scenario's list, or an end of a
   * link).  The default handler shows it; a window connects to select it
   * on the canvas too.
   */
  signals[NAMESPACE_ACTIVATED] =
    g_signal_new_class_handler ("namespace-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (nfl_inspector_real_namespace_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/netfilterlab/NetfilterLab/nfl-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, NflInspector, description_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, description_view);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, forward_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, forward_switch);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, interfaces_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, interfaces_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_a_addresses_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_a_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_a_name_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_a_namespace_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_b_addresses_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_b_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_b_name_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_b_namespace_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, link_page);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, namespace_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, namespace_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, namespace_page);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, namespaces_empty);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, namespaces_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, notes_view);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, remove_link_button);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, routes_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, routes_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, rules_row);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, scenario_page);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, services_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, services_group);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, title_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflInspector, title_row);
  gtk_widget_class_bind_template_callback (widget_class, forward_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_name_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_namespace_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_link_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_row_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "nfl-inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nfl_inspector_init (NflInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = MODE_SCENARIO;
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removed = g_ptr_array_new_with_free_func (g_object_unref);
  section_init (&self->namespaces, self->namespaces_group);
  section_init (&self->interfaces, self->interfaces_group);
  section_init (&self->routes, self->routes_group);
  section_init (&self->services, self->services_group);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

GtkWidget *
nfl_inspector_new (void)
{
  return g_object_new (NFL_TYPE_INSPECTOR, NULL);
}

NflDocument *
nfl_inspector_get_document (NflInspector *self)
{
  g_return_val_if_fail (NFL_IS_INSPECTOR (self), NULL);
  return self->document;
}

void
nfl_inspector_set_document (NflInspector *self,
                            NflDocument  *document)
{
  g_return_if_fail (NFL_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || NFL_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  /* another document: the scenario, and everything rebuilt */
  section_forget (&self->namespaces);
  start_showing (self, MODE_SCENARIO, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
nfl_inspector_show_namespace (NflInspector *self,
                              const char   *ns)
{
  g_return_if_fail (NFL_IS_INSPECTOR (self));

  if (ns == NULL)
    {
      nfl_inspector_show_scenario (self);
      return;
    }
  start_showing (self, MODE_NAMESPACE, ns, NULL);
}

void
nfl_inspector_show_link (NflInspector *self,
                         const char   *ns,
                         const char   *iface)
{
  g_return_if_fail (NFL_IS_INSPECTOR (self));
  g_return_if_fail (ns != NULL);
  g_return_if_fail (iface != NULL);

  start_showing (self, MODE_LINK, ns, iface);
}

void
nfl_inspector_show_scenario (NflInspector *self)
{
  g_return_if_fail (NFL_IS_INSPECTOR (self));

  start_showing (self, MODE_SCENARIO, NULL, NULL);
}
