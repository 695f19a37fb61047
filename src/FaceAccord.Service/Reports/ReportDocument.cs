namespace FaceAccord.Service.Reports;

/// <summary>
/// A report as plain content (headings, text, tables, a chart), built once from the system's records and rendered
/// to Markdown or HTML, so both formats say exactly the same thing and escaping lives in the renderers alone.
/// </summary>
public sealed class ReportDocument(string title)
{
    private readonly List<ReportBlock> _blocks = [];

    public string Title { get; } = title;

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Heading(string text)
    {
        _blocks.Add(new ReportBlock.Heading(text));
        return this;
    }

    public ReportDocument Text(string text)
    {
        _blocks.Add(new ReportBlock.Paragraph(text));
        return this;
    }

    /// <summary>A statement the reader must not miss (e.g. a broken audit chain).</summary>
    public ReportDocument Warning(string text)
    {
        _blocks.Add(new ReportBlock.Warning(text));
        return this;
    }

    public ReportDocument Facts(IEnumerable<(string Name, string Value)> facts)
    {
        _blocks.Add(new ReportBlock.Table(["", ""], [.. facts.Select(f => (IReadOnlyList<string>)[f.Name, f.Value])], KeyValue: true));
        return this;
    }

    public ReportDocument Bullets(IEnumerable<string> items)
    {
        _blocks.Add(new ReportBlock.List([.. items]));
        return this;
    }

    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _blocks.Add(new ReportBlock.Table(header, [.. rows]));
        return this;
    }

    /// <summary>A PNG chart; HTML inlines it, Markdown (a text record) names it by its description only.</summary>
    public ReportDocument Chart(string description, byte[] png)
    {
        _blocks.Add(new ReportBlock.Image(description, png));
        return this;
    }
}
