"""Documents built from the live data: slide decks (PPTX/PDF) and printable reports."""
