using System.Net;
using System.Text.RegularExpressions;

namespace FaceAccord.Server.Tests;

/// <summary>
/// A browser-like client of the web console: its own cookie jar, no automatic redirects (so tests see each 303), and
/// the antiforgery token of the last page it read, posted back with every form as a browser would.
/// </summary>
public sealed partial class ConsoleBrowser(Uri baseAddress) : IDisposable
{
    public CookieContainer Cookies { get; } = new();

    private HttpClient? _client;

    public HttpClient Http => _client ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };

    public string? Token { get; private set; }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        string html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(html) is { Success: true } m)
        {
            Token = WebUtility.HtmlDecode(m.Groups[1].Value);
        }

        return (response, html);
    }

    /// <summary>Posts a form with the page's token (or <paramref name="token"/> when given; "" sends none).</summary>
    public Task<(HttpResponseMessage Response, string Html)> PostAsync(string path, Dictionary<string, string> fields, string? token = null) =>
        PostFieldsAsync(path, fields, token);

    /// <summary>Posts a form whose fields may repeat a name (checkboxes), with the page's token as <see cref="PostAsync"/>.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostFieldsAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? token = null)
    {
        var values = new List<KeyValuePair<string, string>>(fields);
        string? sent = token ?? Token;
        if (!string.IsNullOrEmpty(sent))
        {
            values.Add(new("__console_token", sent));
        }

        var response = await Http.PostAsync(path, new FormUrlEncodedContent(values));
        string html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(html) is { Success: true } m)
        {
            Token = WebUtility.HtmlDecode(m.Groups[1].Value);
        }

        return (response, html);
    }

    /// <summary>Signs in with <paramref name="key"/> through the sign-in form; returns the sign-in answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        await GetAsync("/console/sign-in");
        var (response, _) = await PostAsync("/console/sign-in", new() { ["apiKey"] = key });
        return response;
    }

    public void Dispose() => _client?.Dispose();

    [GeneratedRegex("name=\"__console_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
