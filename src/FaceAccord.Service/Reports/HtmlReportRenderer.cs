using System.Net;
using System.Text;

namespace FaceAccord.Service.Reports;

/// <summary>
/// Writes a report as one self-contained HTML page (styles and charts inlined), so it can be posted or mailed as a
/// single file. Every piece of text is HTML-encoded: names and purposes come from records, not from us.
/// </summary>
public static class HtmlReportRenderer
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}"
        + "th{background:#f2f2f2}.warning{border:2px solid #b00;background:#fee;padding:.8rem;font-weight:bold}"
        + "img{max-width:100%}figcaption{font-size:.9rem;color:#555}";

    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(document.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>")
            .Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportBlock.Heading h:
                    html.Append("<h2>").Append(E(h.Text)).Append("</h2>\n");
                    break;
                case ReportBlock.Paragraph p:
                    html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case ReportBlock.Warning w:
                    html.Append("<p class=\"warning\" role=\"alert\">Warning: ").Append(E(w.Text)).Append("</p>\n");
                    break;
                case ReportBlock.List l:
                    html.Append("<ul>\n");
                    foreach (string item in l.Items)
                    {
                        html.Append("<li>").Append(E(item)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case ReportBlock.Table t:
                    AppendTable(html, t);
                    break;
                case ReportBlock.Image i:
                    html.Append("<figure><img alt=\"").Append(E(i.Description)).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(i.Png)).Append("\"><figcaption>").Append(E(i.Description)).Append("</figcaption></figure>\n");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown report block {block.GetType().Name}.");
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void AppendTable(StringBuilder html, ReportBlock.Table t)
    {
        html.Append("<table>\n");
        if (!t.KeyValue)
        {
            html.Append("<tr>");
            foreach (string h in t.Header)
            {
                html.Append("<th>").Append(E(h)).Append("</th>");
            }

            html.Append("</tr>\n");
        }

        foreach (var row in t.Rows)
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                string tag = t.KeyValue && i == 0 ? "th" : "td";
                html.Append('<').Append(tag).Append('>').Append(E(row[i])).Append("</").Append(tag).Append('>');
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }
}
