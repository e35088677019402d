"""The briefing: slides built from the data and the filters, drawn in the browser, as PowerPoint and as PDF."""
