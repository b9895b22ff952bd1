/* nfl-window-files.c: opening, saving, importing, exporting, autosave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-application.h"
#include "nfl-import-dialog.h"
#include "nfl-topology-view.h"
#include "nfl-window-private.h"

/* Unsaved work is written to the autosave folder AUTOSAVE_DELAY_MS after
 * the last change, and during a long burst of changes at least every
 * AUTOSAVE_MAX_DELAY_MS. */
#define AUTOSAVE_DELAY_MS     1000
#define AUTOSAVE_MAX_DELAY_MS 2000

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static void
toast (NflWindow  *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkFileFilter *
scenario_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Netfilter Lab Scenarios"));
  gtk_file_filter_add_pattern (filter, "*.nflab");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "application/x-netfilter-lab-scenario");
  return filter;
}

static void
remember_folder (NflWindow *self,
                 GFile     *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent ? g_file_get_path (parent) : NULL;

  if (self->settings != NULL && path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

static void
start_in_last_folder (NflWindow            *self,
                      GtkFileChooserNative *chooser)
{
  g_autofree char *path = self->settings ? g_settings_get_string (self->settings, "last-folder") : NULL;

  if (path != NULL && *path != '\0' && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (path);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
}

/* A modal save dialog in the last folder, proposing @base (NULL: the
 * scenario's title, made safe for a file name) with @suffix. */
static GtkFileChooserNative *
new_save_chooser (NflWindow  *self,
                  const char *title,
                  const char *accept_label,
                  const char *base,
                  const char *suffix)
{
  GtkFileChooserNative *chooser;
  g_autofree char *scenario_title = NULL;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         accept_label, _("_Cancel"));
  if (base == NULL)
    {
      scenario_title = nfl_document_dup_display_title (self->document);
      g_strdelimit (scenario_title, "/\\:", '-');
      base = scenario_title;
    }
  name = g_strconcat (base, suffix, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  start_in_last_folder (self, chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
set_busy (NflWindow *self,
          gboolean   busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  _nfl_window_actions_update (self);
}

/* ---------------------------------------------------------------------- */
/* unsaved changes                                                         */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflWindow *self;
  GCallback  then;
  gpointer   data;
} Continuation;

static void
continue_with (Continuation *c)
{
  ((void (*) (NflWindow *, gpointer)) c->then) (c->self, c->data);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Continuation     *c)
{
  if (g_str_equal (response, "discard"))
    {
      /* what the user threw away must not come back as recovered work */
      nfl_document_set_modified (c->self->document, FALSE);
      continue_with (c);
    }
  else if (g_str_equal (response, "save"))
    {
      GFile *file = nfl_document_get_file (c->self->document);
      g_autoptr(GError) error = NULL;

      if (file == NULL)
        {
          /* Save As first; the continuation waits for the file */
          c->self->after_save = c->then;
          c->self->after_save_data = c->data;
          _nfl_window_save (c->self, TRUE);
          g_free (c);
          return;
        }
      if (!nfl_document_save (c->self->document, file, NULL, &error))
        nfl_window_show_error (c->self, error->message);
      else
        continue_with (c);
    }
  g_free (c);
}

void
_nfl_window_confirm_discard (NflWindow *self,
                             GCallback  then,
                             gpointer   data)
{
  Continuation *c;
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;

  if (!nfl_document_get_modified (self->document))
    {
      ((void (*) (NflWindow *, gpointer)) then) (self, data);
      return;
    }
  c = g_new0 (Continuation, 1);
  *c = (Continuation) { self, then, data };
  title = nfl_document_dup_display_title (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  /* Translators: %s is the scenario's title */
  adw_message_dialog_format_body (dialog, _("“%s” has unsaved changes. Changes you do not save "
                                            "are lost."), title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* open                                                                    */
/* ---------------------------------------------------------------------- */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(NflWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!nfl_document_load_finish (NFL_DOCUMENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says what is wrong, with the file's name and line */
          g_autofree char *message = g_strdup_printf (_("Could not open the scenario: %s"), error->message);
          nfl_window_show_error (self, message);
        }
      set_busy (self, FALSE);
      return;
    }
  set_busy (self, FALSE);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  _nfl_window_forget_autosave (self);
  add_to_recent (nfl_document_get_file (self->document));
  _nfl_window_actions_update (self);
}

void
nfl_window_open_file (NflWindow *self,
                      GFile     *file)
{
  g_return_if_fail (NFL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  remember_folder (self, file);
  nfl_document_load_async (self->document, file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  NflWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      /* a window that holds only the unchanged demo takes the file, as
       * does one whose changes were just saved or discarded */
      if (nfl_document_get_file (self->document) == NULL || !NFL_IS_APPLICATION (app))
        nfl_window_open_file (self, file);
      else
        gtk_window_present (nfl_application_open_window (NFL_APPLICATION (app), file));
    }
  g_object_unref (chooser);
}

static void
choose_file_to_open (NflWindow *self,
                     gpointer   data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = scenario_filter ();

  chooser = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  start_in_last_folder (self, chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_nfl_window_open (NflWindow *self)
{
  /* opening into this window replaces its document: ask first */
  _nfl_window_confirm_discard (self, G_CALLBACK (choose_file_to_open), NULL);
}

static GFile *origin_file_for (GFile *autosave);

/* The file the autosave @autosave was made for, or NULL. */
static GFile *
read_origin (GFile *autosave)
{
  g_autoptr(GFile) origin = origin_file_for (autosave);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = g_file_get_path (origin);
  g_autofree char *uri = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL) ||
      (uri = g_key_file_get_string (keys, "Autosave", "File", NULL)) == NULL || *uri == '\0')
    return NULL;
  return g_file_new_for_uri (uri);
}

void
nfl_window_recover (NflWindow *self,
                    GFile     *autosave)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) origin = NULL;

  g_return_if_fail (NFL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (autosave));

  if (!nfl_document_load (self->document, autosave, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not recover unsaved work: %s"), error->message);
      nfl_window_show_error (self, message);
      return;
    }
  origin = read_origin (autosave);
  /* the file the work came from (none when it was never saved), and it
   * is unsaved until the user saves it */
  nfl_document_set_file (self->document, origin);
  nfl_document_set_modified (self->document, TRUE);
  g_set_object (&self->autosave_file, autosave);
  toast (self, _("Recovered unsaved work from the last session"));
}

/* ---------------------------------------------------------------------- */
/* save                                                                    */
/* ---------------------------------------------------------------------- */

static gboolean
save_to (NflWindow *self,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (!nfl_document_save (self->document, file, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the scenario: %s"), error->message);
      nfl_window_show_error (self, message);
      return FALSE;
    }
  remember_folder (self, file);
  add_to_recent (file);
  _nfl_window_forget_autosave (self);
  toast (self, _("Saved"));
  return TRUE;
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  NflWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = g_file_get_basename (file);

      if (!g_str_has_suffix (name, ".nflab") && !g_str_has_suffix (name, ".xml"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_suffix = g_strconcat (name, ".nflab", NULL);
          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }
      if (save_to (self, file) && self->after_save != NULL)
        ((void (*) (NflWindow *, gpointer)) self->after_save) (self, self->after_save_data);
    }
  self->after_save = NULL;
  self->after_save_data = NULL;
  g_object_unref (chooser);
}

void
_nfl_window_save (NflWindow *self,
                  gboolean   ask_for_file)
{
  GFile *file = nfl_document_get_file (self->document);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (file != NULL && !ask_for_file)
    {
      save_to (self, file);
      return;
    }
  chooser = new_save_chooser (self, _("Save Scenario"), _("_Save"), NULL, ".nflab");
  filter = scenario_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------------------- */
/* import                                                                  */
/* ---------------------------------------------------------------------- */

static void
commands_imported_cb (NflWindow *self)
{
  toast (self, _("Commands imported"));
}

void
_nfl_window_import_commands (NflWindow *self)
{
  NflImportDialog *dialog = nfl_import_dialog_new (GTK_WINDOW (self), self->document);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (commands_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The iptables-save import asks for the namespace in a message dialog,
 * which closes itself before it emits any response: when the import
 * fails, the dialog comes back at once with the namespace the user typed
 * and the reason under it. */
typedef struct {
  NflWindow   *self;
  GtkEntry    *namespace_entry;
  GtkTextView *addresses_view;   /* what "ip -br addr" printed, optional */
  GtkTextView *routes_view;      /* what "ip route" printed, optional */
  char        *rules;
  GFile       *file;
} RestoreImport;

static void present_restore_dialog (NflWindow  *self,
                                    GFile      *file,
                                    char       *rules,
                                    const char *ns,
                                    const char *addresses,
                                    const char *routes,
                                    const char *error);

static char *
text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
restore_import_free (RestoreImport *r)
{
  g_free (r->rules);
  g_clear_object (&r->file);
  g_free (r);
}

static void
restore_namespace_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                RestoreImport    *r)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *routes = NULL;
  const char *ns;

  if (!g_str_equal (response, "import"))
    return;
  ns = gtk_editable_get_text (GTK_EDITABLE (r->namespace_entry));
  addresses = text_view_dup_text (r->addresses_view);
  routes = text_view_dup_text (r->routes_view);
  if (!nfl_document_import_machine (r->self->document, ns, r->rules, addresses, routes, &error))
    {
      g_autofree char *name = g_file_get_basename (r->file);
      /* Translators: the first %s is a file name, the second what is wrong */
      g_autofree char *message = g_strdup_printf (_("Could not import %s: %s"), name, error->message);

      present_restore_dialog (r->self, r->file, g_steal_pointer (&r->rules), ns, addresses, routes, message);
      return;
    }
  toast (r->self, *addresses != '\0' ? _("Machine imported") : _("Rules imported"));
}

/* A text area for what a command printed on the machine, under a label */
static GtkWidget *
pasted_output_area (const char   *title,
                    const char   *text,
                    GtkTextView **view_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  /* wide enough for the lines as the commands print them */
  gtk_widget_set_size_request (scrolled, 480, -1);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  *view_out = GTK_TEXT_VIEW (view);
  return box;
}

static void
present_restore_dialog (NflWindow  *self,
                        GFile      *file,
                        char       *rules,
                        const char *ns,
                        const char *addresses,
                        const char *routes,
                        const char *error)
{
  RestoreImport *r;
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *label, *expander, *machine;

  r = g_new0 (RestoreImport, 1);
  r->self = self;
  r->rules = rules;
  r->file = g_object_ref (file);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import iptables-save"),
                                                       _("Which namespace do these rules belong to? A "
                                                         "namespace that does not exist yet is added.")));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), ns);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Namespace"), -1);
  r->namespace_entry = GTK_ENTRY (entry);
  label = gtk_label_new (error);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, error != NULL);
  /* a machine's interfaces and routes, optional: pasted as the
   * commands printed them there */
  machine = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (machine, 6);
  gtk_box_append (GTK_BOX (machine),
                  pasted_output_area (_("Output of “ip -br addr”"), addresses, &r->addresses_view));
  gtk_box_append (GTK_BOX (machine), pasted_output_area (_("Output of “ip route”"), routes, &r->routes_view));
  expander = gtk_expander_new_with_mnemonic (_("The _Machine's Interfaces and Routes"));
  gtk_widget_set_tooltip_text (expander, _("Each interface with an IPv4 address gets a neighbour namespace "
                                           "on its network, so packets can come from there"));
  gtk_expander_set_child (GTK_EXPANDER (expander), machine);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), (addresses && *addresses) || (routes && *routes));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), expander);
  gtk_box_append (GTK_BOX (box), label);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "nfl-restore", r, (GDestroyNotify) restore_import_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_namespace_response_cb), r);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_nfl_window_ask_restore_namespace (NflWindow *self,
                                   GFile     *file,
                                   char      *rules)
{
  present_restore_dialog (self, file, rules, "ns1", NULL, NULL, NULL);
}

static void
restore_file_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          NflWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error))
    {
      nfl_window_show_error (self, error->message);
      return;
    }
  _nfl_window_ask_restore_namespace (self, file, g_steal_pointer (&contents));
}

void
_nfl_window_import_iptables_save (NflWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import iptables-save"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  start_in_last_folder (self, chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------------------- */
/* export                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflWindow *self;
  char      *format;
  char      *ns;
} Export;

static void
export_free (Export *e)
{
  g_free (e->format);
  g_free (e->ns);
  g_free (e);
}

static GBytes *
export_bytes (Export  *e,
              GError **error)
{
  NflScenario *scenario = nfl_document_get_scenario (e->self->document);

  if (g_str_equal (e->format, "shell"))
    {
      char *script = nfl_scenario_export_shell (scenario, NULL, error);
      return script ? g_bytes_new_take (script, strlen (script)) : NULL;
    }
  if (g_str_equal (e->format, "iptables-save"))
    {
      NflNamespace *ns = nfl_scenario_find_namespace (scenario, e->ns);
      char *text;

      if (ns == NULL)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                       _("The scenario has no namespace “%s”"), e->ns);
          return NULL;
        }
      text = nfl_iptables_save (ns->ruleset, FALSE);
      return g_bytes_new_take (text, strlen (text));
    }
  return nfl_scenario_to_xml_bytes (scenario, error);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Export          *e)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = export_bytes (e, &error);

      if (bytes == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                    FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
          nfl_window_show_error (e->self, message);
        }
      else
        {
          if (g_str_equal (e->format, "shell"))
            g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_UNIX_MODE, 0755, G_FILE_QUERY_INFO_NONE,
                                         NULL, NULL);
          remember_folder (e->self, file);
          toast (e->self, _("Exported"));
        }
    }
  export_free (e);
  g_object_unref (chooser);
}

static void
choose_export_file (Export *e)
{
  GtkFileChooserNative *chooser;
  const char *suffix = g_str_equal (e->format, "shell") ? ".sh"
                       : g_str_equal (e->format, "iptables-save") ? ".rules" : ".nflab";

  chooser = new_save_chooser (e->self, _("Export"), _("_Export"), e->ns, suffix);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), e);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_namespace_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              Export           *e)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (!g_str_equal (response, "export") || item == NULL)
    {
      export_free (e);
      return;
    }
  e->ns = g_strdup (gtk_string_object_get_string (item));
  choose_export_file (e);
}

/* The topology as PNG, SVG or PDF, by the file's suffix (PNG without). */
static void
image_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   NflWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *lower = g_ascii_strdown (name, -1);
      g_autoptr(GError) error = NULL;
      const char *format = "png";

      if (g_str_has_suffix (lower, ".svg"))
        format = "svg";
      else if (g_str_has_suffix (lower, ".pdf"))
        format = "pdf";
      else if (!g_str_has_suffix (lower, ".png"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_suffix = g_strconcat (name, ".png", NULL);
          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }
      if (!nfl_topology_view_export_image (NFL_TOPOLOGY_VIEW (self->topology), file, format, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export the image: %s"), error->message);
          nfl_window_show_error (self, message);
        }
      else
        {
          remember_folder (self, file);
          toast (self, _("Exported"));
        }
    }
  g_object_unref (chooser);
}

static void
choose_image_file (NflWindow *self)
{
  static const struct { const char *name; const char *pattern; } kinds[] = {
    { N_("PNG Image"), "*.png" }, { N_("SVG Image"), "*.svg" }, { N_("PDF Document"), "*.pdf" },
  };
  GtkFileChooserNative *chooser;

  chooser = new_save_chooser (self, _("Export Image"), _("_Export"), NULL, ".png");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(kinds[i].name));
      gtk_file_filter_add_pattern (filter, kinds[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (image_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_nfl_window_export (NflWindow  *self,
                    const char *format)
{
  Export *e;
  GPtrArray *namespaces = nfl_scenario_get_namespaces (nfl_document_get_scenario (self->document));

  if (g_str_equal (format, "image"))
    {
      choose_image_file (self);
      return;
    }
  e = g_new0 (Export, 1);
  e->self = self;
  e->format = g_strdup (format);
  if (g_str_equal (format, "iptables-save"))
    {
      AdwMessageDialog *dialog;
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GtkWidget *drop_down;

      if (namespaces->len == 0)
        {
          nfl_window_show_error (self, _("The scenario has no namespace whose rules could be exported."));
          export_free (e);
          return;
        }
      for (guint i = 0; i < namespaces->len; i++)
        gtk_string_list_append (names, ((NflNamespace *) g_ptr_array_index (namespaces, i))->name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export iptables-save"),
                                                           _("Whose rules?")));
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Namespace"), -1);
      adw_message_dialog_set_extra_child (dialog, drop_down);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "export");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (export_namespace_response_cb), e);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  choose_export_file (e);
}

/* ---------------------------------------------------------------------- */
/* autosave                                                                */
/* ---------------------------------------------------------------------- */

/* A window's unsaved work goes to UUID.nflab in the autosave folder; the
 * file it came from, if any, to UUID.origin beside it, a key file:
 *
 *   [Autosave]
 *   File=file:///home/user/lab.nflab
 *
 * The scenario is copied on the main thread (a few milliseconds for
 * 10,000 rules) and written out on a worker thread (serialising those
 * takes 10-20 ms); one write at a time, changes made meanwhile are
 * written right after it. */

typedef struct {
  NflWindow   *self;      /* NULL once the window is gone */
  NflScenario *scenario;  /* a copy, the worker's own */
  GFile       *file;
  char        *origin;    /* the document's file's URI, or NULL */
  gboolean     forgotten; /* saved or discarded meanwhile: remove it again */
} AutosaveJob;

static void
autosave_job_free (AutosaveJob *job)
{
  g_clear_object (&job->scenario);
  g_clear_object (&job->file);
  g_free (job->origin);
  g_free (job);
}

static GFile *
origin_file_for (GFile *autosave)
{
  g_autofree char *path = g_file_get_path (autosave);
  g_autofree char *base = g_str_has_suffix (path, ".nflab")
                          ? g_strndup (path, strlen (path) - strlen (".nflab")) : g_strdup (path);
  g_autofree char *origin = g_strconcat (base, ".origin", NULL);

  return g_file_new_for_path (origin);
}

static void
autosave_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AutosaveJob *job = task_data;
  g_autoptr(GFile) origin = origin_file_for (job->file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* where it came from first: a scenario on disk always has its origin */
  if (job->origin != NULL)
    {
      g_autoptr(GKeyFile) keys = g_key_file_new ();
      g_autofree char *data = NULL;
      gsize length;

      g_key_file_set_string (keys, "Autosave", "File", job->origin);
      data = g_key_file_to_data (keys, &length, NULL);
      if (!g_file_replace_contents (origin, data, length, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL,
                                    &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    g_file_delete (origin, NULL, NULL);

  bytes = nfl_scenario_to_xml_bytes (job->scenario, &error);
  /* written atomically: a crash during the write leaves the last one */
  if (bytes == NULL ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
delete_autosave (GFile *file)
{
  g_autoptr(GFile) origin = origin_file_for (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (origin, NULL, NULL);
}

static void
autosave_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AutosaveJob *job = g_task_get_task_data (G_TASK (result));
  NflWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot keep unsaved work in %s: %s", g_file_peek_path (job->file), error->message);
  if (job->forgotten)
    delete_autosave (job->file);
  if (self == NULL)
    return;
  self->autosave_job = NULL;
  if (self->autosave_again)
    {
      self->autosave_again = FALSE;
      _nfl_window_autosave_now (self);
    }
}

void
_nfl_window_autosave_now (NflWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GFile *origin = nfl_document_get_file (self->document);
  g_autoptr(GTask) task = NULL;
  AutosaveJob *job;

  if (!nfl_document_get_modified (self->document) || !NFL_IS_APPLICATION (app))
    return;
  if (self->autosave_job != NULL)
    {
      self->autosave_again = TRUE;
      return;
    }
  if (self->autosave_file == NULL)
    {
      g_autoptr(GFile) dir = nfl_application_get_autosave_dir (NFL_APPLICATION (app));
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, ".nflab", NULL);
      g_autoptr(GError) error = NULL;

      if (!g_file_make_directory_with_parents (dir, NULL, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_warning ("Cannot keep unsaved work in %s: %s", g_file_peek_path (dir), error->message);
          return;
        }
      self->autosave_file = g_file_get_child (dir, name);
    }
  job = g_new0 (AutosaveJob, 1);
  job->self = self;
  job->scenario = nfl_scenario_copy (nfl_document_get_scenario (self->document));
  job->file = g_object_ref (self->autosave_file);
  job->origin = origin ? g_file_get_uri (origin) : NULL;
  self->autosave_job = job;
  /* no source object: the window may go while the worker writes */
  task = g_task_new (NULL, NULL, autosave_written_cb, NULL);
  g_task_set_source_tag (task, _nfl_window_autosave_now);
  g_task_set_task_data (task, job, (GDestroyNotify) autosave_job_free);
  g_task_run_in_thread (task, autosave_thread);
}

void
_nfl_window_forget_autosave (NflWindow *self)
{
  AutosaveJob *job = self->autosave_job;

  if (job != NULL && self->autosave_file != NULL && g_file_equal (job->file, self->autosave_file))
    job->forgotten = TRUE;
  if (self->autosave_file == NULL)
    return;
  delete_autosave (self->autosave_file);
  g_clear_object (&self->autosave_file);
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  NflWindow *self = user_data;

  self->autosave_id = 0;
  _nfl_window_autosave_now (self);
  return G_SOURCE_REMOVE;
}

/* Each change (re)starts the timer, but never past AUTOSAVE_MAX_DELAY_MS
 * after the first change not yet written. */
static void
document_changed_cb (NflWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay;

  if (self->autosave_id == 0)
    self->autosave_due = now + AUTOSAVE_MAX_DELAY_MS * G_TIME_SPAN_MILLISECOND;
  else
    g_source_remove (self->autosave_id);
  delay = CLAMP ((self->autosave_due - now) / G_TIME_SPAN_MILLISECOND, 0, AUTOSAVE_DELAY_MS);
  self->autosave_id = g_timeout_add ((guint) delay, autosave_timeout_cb, self);
}

/* ---------------------------------------------------------------------- */
/* drag and drop                                                           */
/* ---------------------------------------------------------------------- */

static gboolean
file_dropped_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 NflWindow     *self)
{
  GSList *files = g_value_get_boxed (value);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (files == NULL || !NFL_IS_APPLICATION (app))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    gtk_window_present (nfl_application_open_window (NFL_APPLICATION (app), l->data));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* set-up                                                                  */
/* ---------------------------------------------------------------------- */

void
_nfl_window_files_init (NflWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_nfl_window_files_dispose (NflWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* a write under way finishes without the window */
  if (self->autosave_job != NULL)
    ((AutosaveJob *) self->autosave_job)->self = NULL;
  self->autosave_job = NULL;
  g_clear_object (&self->autosave_file);
}
