using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.WebConsole.Audit;
using FaceAccord.WebConsole.Http;
using FaceAccord.WebConsole.Pages;
using FaceAccord.WebConsole.Reports;
using FaceAccord.WebConsole.Reviews;
using FaceAccord.WebConsole.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.WebConsole;

/// <summary>
/// The web console at <c>/console</c>: server-rendered pages (Razor components, no script) for reviewers and auditors.
/// Sign-in exchanges an API key for a session cookie; every form post carries an antiforgery token, and a post without
/// a valid one is refused (400) and audited; every view and decision runs through the same governed services as the API.
/// </summary>
public static class ConsoleEndpoints
{
    public const string TokenField = "__console_token";

    public static IServiceCollection AddFaceAccordConsole(this IServiceCollection services, ConsoleOptions? options = null)
    {
        services.AddSingleton(options ?? new ConsoleOptions());
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<CaseReader>();
        services.AddSingleton<AuditBrowser>();
        services.AddSingleton<ConsoleReports>();
        services.AddRazorComponents();
        services.AddAntiforgery(a =>
        {
            a.FormFieldName = TokenField;
            a.Cookie.Name = "faceaccord_console_form";
            a.Cookie.Path = "/console";
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.HttpOnly = true;
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The console's middleware (headers, session); call before the endpoints run.</summary>
    public static IApplicationBuilder UseFaceAccordConsole(this IApplicationBuilder app) => app.UseMiddleware<ConsoleMiddleware>();

    public static IEndpointRouteBuilder MapFaceAccordConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("/", (HttpContext http) => ConsoleRequest.SessionOf(http) is { } s
            ? Results.Redirect(s.IsReviewer ? "/console/reviews" : "/console/audit")
            : Results.Redirect("/console/sign-in"));
        console.MapGet("/console.css", () => Results.File(ConsoleAssets.Stylesheet, "text/css; charset=utf-8"));

        console.MapGet("/sign-in", (HttpContext http, IAntiforgery af) =>
            ConsoleRequest.SessionOf(http) is not null ? Results.Redirect("/console") : Page<SignInPage>(http, af, new { }));
        console.MapPost("/sign-in", SignInAsync);
        console.MapPost("/sign-out", SignOutAsync);

        console.MapGet("/reviews", (HttpContext http, IAntiforgery af, ReviewService reviews, TimeProvider clock) =>
            Signed(http, af, s => Page<QueuePage>(http, af, new { Items = reviews.Queue(ConsoleRequest.Context(s, ConsoleRequest.ReviewPurpose)), Now = clock.GetUtcNow() })));
        console.MapGet("/reviews/{caseId}", (string caseId, HttpContext http, IAntiforgery af, CaseReader cases) =>
            Signed(http, af, s => CaseId(caseId) is { } id
                ? Page<CasePage>(http, af, new { Model = cases.Read(s, id) }, http.Request.Query.ContainsKey("decided") ? "Your decision was recorded." : null)
                : NotFound(http, af)));
        console.MapPost("/reviews/{caseId}/decisions", DecideAsync);
        console.MapGet("/reviews/{caseId}/candidates/{subjectId}/photo", (string caseId, string subjectId, HttpContext http, IAntiforgery af, CaseReader cases) =>
            Signed(http, af, s => CaseId(caseId) is { } id && Guid.TryParse(subjectId, out var subject) && cases.CandidateImage(s, id, subject) is { } image
                ? Results.File(image.Bytes, image.ContentType)
                : Results.NotFound()));

        // Crops are answered through the governed path: a reviewer of the tenant other than the requester, audited as a
        // view of the case; anyone else gets the same 404 as an unknown case. Every console response is no-store.
        console.MapGet("/reviews/{caseId}/candidates/{subjectId}/face", (string caseId, string subjectId, HttpContext http, IAntiforgery af, CaseReader cases) =>
            Signed(http, af, s => CaseId(caseId) is { } id && Guid.TryParse(subjectId, out var subject)
                ? Crop(cases.CandidateCrop(s, id, subject))
                : NotFound(http, af)));
        console.MapGet("/reviews/{caseId}/probe/{slot}", (string caseId, string slot, HttpContext http, IAntiforgery af, CaseReader cases) =>
            Signed(http, af, s => CaseId(caseId) is { } id ? Crop(cases.ProbeCrop(s, id, slot)) : NotFound(http, af)));

        console.MapGet("/audit", (HttpContext http, IAntiforgery af, AuditBrowser browser) => Signed(http, af, s =>
        {
            var filter = AuditFilter.Of(http.Request.Query);
            return Page<AuditPage>(http, af, new { Model = browser.Read(s, filter) }, error: filter.Error);
        }));
        console.MapGet("/audit/export", (HttpContext http, IAntiforgery af, AuditBrowser browser) => Signed(http, af, s =>
        {
            var model = browser.Read(s, AuditFilter.Of(http.Request.Query), everything: true);
            var text = new StringWriter();
            AuditJsonLines.Write(text, model.Entries.Reverse());
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "application/x-ndjson", "faceaccord-audit.jsonl");
        }));
        console.MapGet("/reports", () => Results.Redirect("/console/reports/transparency"));
        console.MapGet("/reports/{kind}", (string kind, HttpContext http, IAntiforgery af, ConsoleReports reports) =>
            Signed(http, af, s => Page<ReportPage>(http, af, new { Document = reports.Build(s, kind), Kind = kind })));
        console.MapGet("/reports/{kind}/download", (string kind, HttpContext http, IAntiforgery af, ConsoleReports reports) => Signed(http, af, s =>
        {
            bool markdown = http.Request.Query["format"] == "md";
            var document = reports.Build(s, kind);
            string text = markdown ? MarkdownReportRenderer.Render(document) : HtmlReportRenderer.Render(document);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text), markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
                $"faceaccord-{kind}-report.{(markdown ? "md" : "html")}");
        }));
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery af, TenantService tenants, ConsoleSessions sessions, GovernedOperations governed, ISignInFailureLimiter limiter)
    {
        // Guessing keys through the form is as slow as through the API: one count per address for both.
        string address = limiter.AddressOf(http);
        if (limiter.IsBlocked(address, out bool firstRefusal))
        {
            if (firstRefusal)
            {
                governed.SealRequest(AuditRecords.Request(null, null, "console-sign-in", AuditDecision.Deny, ConsoleChannel.Instance.Name, 429, "auth-rate-limited",
                    AuditRecords.Detail(new { clientAddress = address })));
            }

            http.Response.Headers.RetryAfter = "60";
            return Page<SignInPage>(http, af, new { }, error: "Too many failed sign-ins or API keys from this address in the last minute. Wait a minute, then sign in with your key.", status: 429);
        }

        if (await Forged(http, af, governed, "console-sign-in").ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await http.Request.ReadFormAsync().ConfigureAwait(false);
        var check = tenants.Check(form["apiKey"].ToString().Trim());
        if (check.Key is not { } key)
        {
            limiter.RecordFailure(address);
            governed.SealRequest(AuditRecords.Request(null, check.KeyId, "console-sign-in", AuditDecision.Deny, ConsoleChannel.Instance.Name, 401, check.Refusal, null));
            string why = check.Refusal == Authentication.Expired
                ? "That API key has expired (or its rotation's grace period ended). Sign in with the key that replaced it."
                : "That API key is not valid: it is unknown, mistyped or revoked. Check it and try again.";
            return Page<SignInPage>(http, af, new { }, error: why, status: 401);
        }

        string secret = sessions.Start(key);
        http.Response.Cookies.Append(ConsoleRequest.SessionCookie, secret, ConsoleRequest.CookieOptions(http));
        var context = new RequestContext(key.Tenant, key.KeyId, null, Role: key.Role) { Channel = ConsoleChannel.Instance };
        governed.SealRequest(AuditRecords.Request(context, key.KeyId, "console-sign-in", AuditDecision.Allow, ConsoleChannel.Instance.Name, 303, null, null));
        return Results.Redirect(key.Role == KeyRole.Reviewer ? "/console/reviews" : "/console/audit");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery af, ConsoleSessions sessions, GovernedOperations governed)
    {
        if (await Forged(http, af, governed, "console-sign-out").ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (ConsoleRequest.SessionOf(http) is { } session)
        {
            sessions.End(http.Request.Cookies[ConsoleRequest.SessionCookie]);
            governed.SealRequest(AuditRecords.Request(ConsoleRequest.Context(session, null), session.KeyId, "console-sign-out", AuditDecision.Allow,
                ConsoleChannel.Instance.Name, 303, null, null));
        }

        http.Response.Cookies.Delete(ConsoleRequest.SessionCookie, ConsoleRequest.CookieOptions(http));
        return Results.Redirect("/console/sign-in");
    }

    private static async Task<IResult> DecideAsync(string caseId, HttpContext http, IAntiforgery af, ReviewService reviews, CaseReader cases, GovernedOperations governed)
    {
        if (await Forged(http, af, governed, OperationKind.Review.Name).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (ConsoleRequest.SessionOf(http) is not { } session)
        {
            return Results.Redirect("/console/sign-in");
        }

        if (CaseId(caseId) is not { } id)
        {
            return NotFound(http, af);
        }

        var form = await http.Request.ReadFormAsync().ConfigureAwait(false);
        string reason = form["reason"].ToString();
        string decision = form["decision"].ToString();
        // A page that listed candidates sends the ticked ones; with none ticked a confirm confirms nobody, so it is refused.
        string[]? candidates = form.ContainsKey("candidatesListed") && decision == ReviewDecisionRecord.Confirm
            ? [.. form["candidates"].Select(x => x ?? "")]
            : null;
        string? invalid = string.IsNullOrWhiteSpace(reason) ? "Give a reason for your decision: what you compared and why."
            : reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? "The reason holds control characters; type it as plain text."
            : candidates is { Length: 0 } ? "No candidate is ticked: tick each person who is the same as the probe, or reject the case if none is."
            : null;
        try
        {
            if (invalid is not null)
            {
                return Page<CasePage>(http, af, new { Model = cases.Read(session, id) }, error: invalid, status: 400);
            }

            reviews.Decide(ConsoleRequest.Context(session, ConsoleRequest.ReviewPurpose), id, new ReviewDecisionRequest(decision, reason, candidates));
            return Results.Redirect($"/console/reviews/{id}?decided=1");
        }
        catch (FaceAccordException e)
        {
            if (e.Kind == ErrorKind.NotFound)
            {
                return NotFound(http, af);
            }

            return Page<CasePage>(http, af, new { Model = cases.Read(session, id) }, error: e.Message, status: ConsoleChannel.StatusFor(e));
        }
    }

    /// <summary>
    /// Null when the post carries a valid antiforgery token; otherwise the refusal (400, audited under
    /// <paramref name="operation"/>): a forged or replayed post never reaches the operation.
    /// </summary>
    private static async Task<IResult?> Forged(HttpContext http, IAntiforgery af, GovernedOperations governed, string operation)
    {
        if (await af.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return null;
        }

        var session = ConsoleRequest.SessionOf(http);
        var context = session is null ? null : ConsoleRequest.Context(session, null);
        governed.SealRequest(AuditRecords.Request(context, null, operation, AuditDecision.Deny, ConsoleChannel.Instance.Name, 400, "antiforgery-invalid",
            AuditRecords.Detail(new { route = http.Request.Path.Value?.StartsWith("/console/reviews/", StringComparison.Ordinal) == true ? "/console/reviews/{caseId}/decisions" : http.Request.Path.Value })));
        return Page<MessagePage>(http, af, new
        {
            Title = "Form refused",
            Text = "This form could not be accepted: it was sent without the security token of a page this console served (it may be old, or sent from another site). Nothing was changed. Open the page again and resend it.",
        }, status: 400);
    }

    /// <summary>Runs <paramref name="page"/> for a signed-in session; a browser without one is sent to sign in.</summary>
    private static IResult Signed(HttpContext http, IAntiforgery af, Func<ConsoleSession, IResult> page)
    {
        if (ConsoleRequest.SessionOf(http) is not { } session)
        {
            return Results.Redirect("/console/sign-in");
        }

        try
        {
            return page(session);
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.NotFound)
        {
            return NotFound(http, af);
        }
        catch (FaceAccordException e)
        {
            return Page<MessagePage>(http, af, new { Title = e.Kind == ErrorKind.Denied ? "Not allowed" : "Not possible", Text = e.Message }, status: ConsoleChannel.StatusFor(e));
        }
    }

    private static RazorComponentResult<MessagePage> NotFound(HttpContext http, IAntiforgery af) =>
        Page<MessagePage>(http, af, new { Title = "Not found", Text = "There is no such case in your tenant's records. It may have been mistyped; the review queue lists every pending case." , Next = "/console/reviews", NextLabel = "Open the review queue" }, status: 404);

    private static IResult Crop(FaceCrop crop) => Results.File(crop.Bytes, crop.ContentType);

    private static Guid? CaseId(string text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>Renders a page component with its frame (session, a fresh antiforgery token, any notice or error).</summary>
    private static RazorComponentResult<T> Page<T>(HttpContext http, IAntiforgery af, object parameters, string? notice = null, string? error = null, int status = 200)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var tokens = af.GetAndStoreTokens(http);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Frame"] = new PageFrame(ConsoleRequest.SessionOf(http), tokens.FormFieldName, tokens.RequestToken ?? "", notice, error),
        };
        foreach (var property in parameters.GetType().GetProperties())
        {
            values[property.Name] = property.GetValue(parameters);
        }

        return new RazorComponentResult<T>(values) { StatusCode = status };
    }
}
