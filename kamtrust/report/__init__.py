"""Reports to look at: self-contained HTML pages with our own SVG charts, and Markdown versions."""
