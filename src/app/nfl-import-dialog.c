/* nfl-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of its own rather than an AdwMessageDialog: a message dialog
 * closes itself after every response, and this form must stay open when
 * the commands are wrong.  Text over NFL_IMPORT_DIALOG_MAX_BYTES is
 * refused where it comes in (a paste or any other insertion, before GTK
 * lays it out) and again on Import before anything is parsed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-import-dialog.h"

struct _NflImportDialog
{
  AdwWindow      parent_instance;

  NflDocument   *document;

  /* template children */
  GtkLabel      *error_label;
  GtkTextView   *text_view;
};

G_DEFINE_FINAL_TYPE (NflImportDialog, nfl_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static void
show_error (NflImportDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
too_large_message (gsize size)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *most = g_format_size (NFL_IMPORT_DIALOG_MAX_BYTES);

  /* Translators: the first %s is a size such as “12.3 MB”, the second the limit, “10.5 MB” */
  return g_strdup_printf (_("The text is too large to import (%s): at most %s of commands can be "
                            "imported at once."), have, most);
}

/* Selects line @line (1-based) and returns the character column of byte
 * column @column (1-based) in it, as the user counts. */
static guint
select_line (NflImportDialog *self,
             guint            line,
             guint            column)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  guint chars;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line > 0 ? line - 1 : 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (&start, &end);
  column = MIN (column > 0 ? column - 1 : 0, strlen (text));
  chars = g_utf8_strlen (text, column) + 1;
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return chars;
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

/* Before the buffer takes the text (and GTK lays it out, which for tens
 * of megabytes takes long enough to look like a hang). */
static void
buffer_insert_text_cb (GtkTextBuffer   *buffer,
                       GtkTextIter     *location,
                       const char      *text,
                       int              len,
                       NflImportDialog *self)
{
  gsize size = len < 0 ? strlen (text) : (gsize) len;
  /* characters, a lower bound of the bytes: cheap, and exact on Import */
  gsize have = gtk_text_buffer_get_char_count (buffer);

  if (size + have <= NFL_IMPORT_DIALOG_MAX_BYTES)
    return;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  {
    g_autofree char *message = too_large_message (size + have);
    show_error (self, message);
  }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  nfl_import_dialog_import (NFL_IMPORT_DIALOG (widget));
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_import_dialog_dispose (GObject *object)
{
  NflImportDialog *self = NFL_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_import_dialog_parent_class)->dispose (object);
}

static void
nfl_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NflImportDialog *self = NFL_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, nfl_import_dialog_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_import_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NflImportDialog *self = NFL_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      /* construct-only */
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_import_dialog_class_init (NflImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_import_dialog_dispose;
  object_class->get_property = nfl_import_dialog_get_property;
  object_class->set_property = nfl_import_dialog_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, NFL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After the commands were applied, just before the dialog closes. */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netfilterlab/NetfilterLab/nfl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NflImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, NflImportDialog, text_view);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nfl_import_dialog_init (NflImportDialog *self)
{
  GtkEventController *shortcuts;
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "insert-text",
                           G_CALLBACK (buffer_insert_text_cb), self, 0);

  /* Ctrl+Return imports, also from the text view (which would otherwise
   * take the key): caught on the way down */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (enter_keys[i],
                                                                                    GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("import.import")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflImportDialog *
nfl_import_dialog_new (GtkWindow   *parent,
                       NflDocument *document)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NFL_IS_DOCUMENT (document), NULL);

  return g_object_new (NFL_TYPE_IMPORT_DIALOG,
                       "document", document,
                       "transient-for", parent,
                       NULL);
}

NflDocument *
nfl_import_dialog_get_document (NflImportDialog *self)
{
  g_return_val_if_fail (NFL_IS_IMPORT_DIALOG (self), NULL);
  return self->document;
}

gboolean
nfl_import_dialog_import (NflImportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  NflSourcePos where = { 0 };
  gsize size;

  g_return_val_if_fail (NFL_IS_IMPORT_DIALOG (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  size = strlen (text);
  if (size > NFL_IMPORT_DIALOG_MAX_BYTES)
    {
      g_autofree char *message = too_large_message (size);
      show_error (self, message);
      return FALSE;
    }
  if (!nfl_document_apply_commands (self->document, text, &where, &error))
    {
      g_autofree char *message = NULL;

      if (where.line > 0)
        {
          /* the document's message reads "Line 3: reason" */
          g_autofree char *prefix = g_strdup_printf (_("Line %u: %s"), where.line, "");
          const char *reason = g_str_has_prefix (error->message, prefix)
                               ? error->message + strlen (prefix) : error->message;
          guint column = select_line (self, where.line, where.column);

          /* Translators: where a command is wrong, and why */
          message = g_strdup_printf (_("Line %u, column %u: %s"), where.line, column, reason);
        }
      show_error (self, message ? message : error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[IMPORTED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
nfl_import_dialog_get_error (NflImportDialog *self)
{
  g_return_val_if_fail (NFL_IS_IMPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
