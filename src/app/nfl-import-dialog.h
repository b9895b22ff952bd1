/* nfl-import-dialog.h: the dialog that imports pasted tutorial commands
 *
 * The user pastes or types command lines and presses Import: when every
 * line is right they are applied to the document as one undo step and the
 * dialog closes; otherwise nothing is applied, the dialog stays with the
 * text as it was, the wrong line selected and the reason (line and column)
 * shown under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-document.h"

G_BEGIN_DECLS

/* The most text the dialog takes (a paste, or all of it on Import). */
#define NFL_IMPORT_DIALOG_MAX_BYTES (10 * 1024 * 1024)

#define NFL_TYPE_IMPORT_DIALOG (nfl_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NflImportDialog, nfl_import_dialog, NFL, IMPORT_DIALOG, AdwWindow)

/* Modal, transient for @parent. */
NflImportDialog *nfl_import_dialog_new          (GtkWindow       *parent,
                                                 NflDocument     *document);
NflDocument     *nfl_import_dialog_get_document (NflImportDialog *self);
/* What the Import button does: TRUE when the commands were applied (the
 * dialog has emitted "imported" and closed). */
gboolean         nfl_import_dialog_import       (NflImportDialog *self);
/* The message shown under the text, or NULL. */
const char      *nfl_import_dialog_get_error    (NflImportDialog *self);

G_END_DECLS
