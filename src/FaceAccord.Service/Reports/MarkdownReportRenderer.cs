using System.Text;

namespace FaceAccord.Service.Reports;

/// <summary>
/// Writes a report as Markdown, the form that is published and hashed. Text from records (tenant names, purposes,
/// rule ids) is escaped so a viewer that renders Markdown to HTML shows it as text, never as markup.
/// </summary>
public static class MarkdownReportRenderer
{
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportBlock.Heading h:
                    md.Append("## ").Append(Escape(h.Text)).Append("\n\n");
                    break;
                case ReportBlock.Paragraph p:
                    md.Append(Escape(p.Text)).Append("\n\n");
                    break;
                case ReportBlock.Warning w:
                    md.Append("> **Warning:** ").Append(Escape(w.Text)).Append("\n\n");
                    break;
                case ReportBlock.List l:
                    foreach (string item in l.Items)
                    {
                        md.Append("- ").Append(Escape(item)).Append('\n');
                    }

                    md.Append('\n');
                    break;
                case ReportBlock.Table t:
                    AppendTable(md, t);
                    break;
                case ReportBlock.Image i:
                    md.Append("_Chart (in the HTML report): ").Append(Escape(i.Description)).Append("_\n\n");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown report block {block.GetType().Name}.");
            }
        }

        return md.ToString();
    }

    /// <summary>Backslash-escapes Markdown punctuation and turns angle brackets and ampersands into entities.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '!':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder md, ReportBlock.Table t)
    {
        int columns = t.KeyValue ? 2 : t.Header.Count;
        IReadOnlyList<string> header = t.KeyValue ? ["", ""] : t.Header;
        md.Append('|');
        foreach (string h in header)
        {
            md.Append(' ').Append(Escape(h)).Append(" |");
        }

        md.Append("\n|").Append(string.Concat(Enumerable.Repeat(" --- |", columns))).Append('\n');
        foreach (var row in t.Rows)
        {
            md.Append('|');
            for (int i = 0; i < columns; i++)
            {
                string cell = i < row.Count ? Escape(row[i]) : "";
                md.Append(' ').Append(t.KeyValue && i == 0 ? $"**{cell}**" : cell).Append(" |");
            }

            md.Append('\n');
        }

        md.Append('\n');
    }
}
