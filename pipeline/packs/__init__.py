"""Workshop figure packs: plans, findings, PDF handouts, decks, workbooks and worksheets."""
