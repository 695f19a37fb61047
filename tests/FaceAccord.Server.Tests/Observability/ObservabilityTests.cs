using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FaceAccord.Server.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceAccord.Server.Tests.Observability;

/// <summary>What <c>/metrics</c>, the traces and the logs say after <see cref="ScriptedRun"/>'s mix of requests.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class ObservabilityTests(ScriptedRun run)
{
    private PrometheusText Metrics => PrometheusText.Parse(run.MetricsText);

    [Fact]
    public void Metrics_parse_as_prometheus_text_and_carry_the_framework_meters_too()
    {
        var metrics = Metrics;
        Assert.Equal("counter", metrics.FamilyTypes["faceaccord_operations_total"]);
        Assert.Equal("histogram", metrics.FamilyTypes["faceaccord_operation_duration_seconds"]);
        Assert.True(metrics.Has("http_server_request_duration_seconds_count"), "ASP.NET Core's own request duration is exported");
    }

    [Fact]
    public void Each_operation_of_the_mix_is_counted_with_its_outcome()
    {
        var m = Metrics;
        const string ops = "faceaccord_operations_total";
        Assert.Equal(4, m.Sum(ops, ("operation", "enroll"), ("outcome", "created"))); // two subjects, two faces
        Assert.Equal(1, m.Sum(ops, ("operation", "enroll"), ("outcome", "rejected"), ("problem", "quality-refused")));
        Assert.Equal(2, m.Sum(ops, ("operation", "identify"), ("outcome", "completed")));
        Assert.Equal(1, m.Sum(ops, ("operation", "verify"), ("outcome", "denied"), ("problem", "policy-denied")));
        Assert.Equal(1, m.Sum(ops, ("operation", "delete"), ("outcome", "deleted")));
        Assert.Equal(0, m.Sum(ops, ("outcome", "failed")));
        Assert.Equal(2, m.Sum("faceaccord_identification_candidates_total"));
        Assert.Equal(1, m.Sum("faceaccord_pipeline_quality_refusals_total", ("check", "face-too-small")));
        Assert.Equal(1, m.Sum("faceaccord_policy_decisions_total", ("operation", "verify"), ("result", "deny")));
        Assert.True(m.Sum("faceaccord_policy_rule_hits_total", ("pack", "vendor"), ("effect", "deny")) >= 1, "the vendor moratorium's rule is named");
        Assert.Equal(2 + 2 + 1 + 2 + 1, m.Sum("faceaccord_policy_decisions_total", ("result", "allow"))); // enrol ×4, refused photo, identify ×2, delete
        Assert.Equal(run.AuditEntries, m.Sum("faceaccord_audit_appends_total"));
        Assert.Equal(1, m.Sum("faceaccord_audit_appends_total", ("decision", "deny")));
    }

    [Fact]
    public void Durations_are_histograms_for_decode_detect_embed_and_identify()
    {
        var m = Metrics;

        // Decoded: 2 enrolments, the refused photo, 2 identifications; the denied verification never reaches the pipeline.
        Assert.Equal(5, m.Sum("faceaccord_pipeline_decode_duration_seconds_count"));
        Assert.Equal(5, m.Sum("faceaccord_pipeline_images_decoded_total"));
        Assert.Equal(5, m.Sum("faceaccord_pipeline_detect_duration_seconds_count"));
        Assert.Equal(4, m.Sum("faceaccord_pipeline_embed_duration_seconds_count"));
        Assert.Equal(2, m.Sum("faceaccord_operation_duration_seconds_count", ("operation", "identify")));
        Assert.Equal(2, m.Sum("faceaccord_search_duration_seconds_count", ("kind", "exact")));
        Assert.True(m.Sum("faceaccord_operation_duration_seconds_sum", ("operation", "identify")) > 0);
        Assert.True(m.Sum("faceaccord_pipeline_detect_duration_seconds_count", ("model", $"{Packs.Recipes.PackCatalog.Default.Id}/blazeface-back")) == 5
            || m.Samples.Any(s => s.Name == "faceaccord_pipeline_detect_duration_seconds_count" && s.Labels["model"].EndsWith("/blazeface-back", StringComparison.Ordinal)));
    }

    [Fact]
    public void Gallery_gauges_count_what_is_left_after_the_deletion()
    {
        var m = Metrics;
        Assert.Equal(1, m.Sum("faceaccord_gallery_subjects", ("kind", "exact")));
        Assert.Equal(1, m.Sum("faceaccord_gallery_faces", ("kind", "exact")));
        Assert.Equal(1, m.Sum("faceaccord_search_indexes", ("kind", "exact")));
        Assert.Equal(1, m.Sum("faceaccord_audit_verification_intact"));
    }

    [Fact]
    public void No_label_carries_a_person_a_key_or_a_tenant()
    {
        foreach (string secret in run.Secrets.Concat(run.ExternalIds))
        {
            Assert.DoesNotContain(secret, run.MetricsText, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Metrics.Samples, s => s.Labels.ContainsKey("tenant"));
    }

    [Fact]
    public void An_identification_is_one_trace_with_decode_detect_embed_policy_search_audit_and_store_beneath_it()
    {
        var identify = run.Activities.Where(a => a.OperationName == "identify").ToList();
        Assert.Equal(2, identify.Count);
        foreach (var operation in identify)
        {
            var children = run.Activities.Where(a => a.TraceId == operation.TraceId && a != operation).ToList();
            foreach (string step in new[] { "policy", "decode", "detect", "embed", "search", "audit", "store" })
            {
                Assert.Contains(children, a => a.OperationName == step && a.ParentSpanId == operation.SpanId);
            }

            Assert.Equal("completed", operation.GetTagItem("faceaccord.outcome"));
        }

        // One request, one trace: the two identifications are not mixed up.
        Assert.NotEqual(identify[0].TraceId, identify[1].TraceId);
    }

    [Fact]
    public void The_logs_hold_no_key_secret_external_id_image_bytes_or_template_numbers()
    {
        string logs = string.Join('\n', run.Logs.Lines);
        Assert.NotEmpty(run.Logs.Lines);
        Assert.Contains("quality-refused", logs, StringComparison.Ordinal); // the refusal is logged, by its code
        foreach (string secret in run.Secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[^16..], logs, StringComparison.Ordinal);
        }

        foreach (string id in run.ExternalIds)
        {
            Assert.DoesNotContain(id, logs, StringComparison.OrdinalIgnoreCase);
        }

        foreach (byte[] image in run.Images)
        {
            // Any 24-byte stretch of the file, as base64, hex or raw text, would show the image leaked.
            byte[] middle = image.AsSpan(image.Length / 2, 24).ToArray();
            Assert.DoesNotContain(Convert.ToBase64String(image.AsSpan(0, 48)), logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(middle), logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Encoding.Latin1.GetString(middle), logs, StringComparison.Ordinal);
        }

        Assert.NotEmpty(run.Templates);
        foreach (float[] template in run.Templates)
        {
            foreach (float v in template.Where(v => Math.Abs(v) > 0.01f).Take(32))
            {
                Assert.DoesNotContain(v.ToString("R", CultureInfo.InvariantCulture), logs, StringComparison.Ordinal);
                Assert.DoesNotContain(v.ToString("F6", CultureInfo.InvariantCulture), logs, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Metrics_need_no_key_on_loopback()
    {
        using var anonymous = new HttpClient { BaseAddress = run.BaseAddress };
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", new[] { "loopback" }, false)]
    [InlineData("10.1.2.3", new[] { "loopback" }, false)]
    [InlineData("127.0.0.1", new[] { "loopback" }, true)]
    [InlineData("::1", new[] { "loopback" }, true)]
    [InlineData("::ffff:127.0.0.1", new[] { "loopback" }, true)]
    [InlineData("10.1.2.3", new[] { "loopback", "10.0.0.0/8" }, true)]
    [InlineData("192.168.1.9", new[] { "10.0.0.0/8" }, false)]
    [InlineData("203.0.113.7", new[] { "any" }, true)]
    public async Task Metrics_are_refused_to_callers_the_configuration_does_not_admit(string address, string[] allowed, bool admitted)
    {
        var options = new ServerOptions { Observability = new ObservabilityOptions { MetricsAllowedFrom = allowed } };
        options.Validate();
        bool reached = false;
        var middleware = new MetricsAccessMiddleware(_ => { reached = true; return Task.CompletedTask; }, options);
        var context = new DefaultHttpContext();
        context.Request.Path = "/metrics";
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(context);
        Assert.Equal(admitted, reached);
        if (!admitted)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
            context.Response.Body.Position = 0;
            var problem = await JsonDocument.ParseAsync(context.Response.Body);
            Assert.Equal("urn:faceaccord:problem:metrics-forbidden", problem.RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public void A_malformed_network_stops_the_start()
    {
        var options = new ServerOptions { Observability = new ObservabilityOptions { MetricsAllowedFrom = ["10.0.0.0/33"] } };
        var error = Assert.Throws<Core.FaceAccordException>(options.Validate);
        Assert.Equal("config-invalid", error.Code);
    }

    [Fact]
    public void A_json_log_line_carries_the_trace_id_and_the_problem_code()
    {
        using var activity = new System.Diagnostics.Activity("request").Start();
        var state = new List<KeyValuePair<string, object?>>
        {
            new("Route", "/v1/verify"),
            new("Status", 403),
            new("Problem", "policy-denied"),
            new("{OriginalFormat}", "{Route} answered {Status} {Problem}"),
        };
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Information, "FaceAccord.Test", new EventId(1, "RequestFinished"), state, null,
            (_, _) => "/v1/verify answered 403 policy-denied");
        using var writer = new StringWriter();
        new JsonLineFormatter().Write(entry, null, writer);
        string text = writer.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("traceId").GetString());
        Assert.Equal("policy-denied", line.GetProperty("problem").GetString());
        Assert.Equal(403, line.GetProperty("status").GetInt32());
        Assert.Equal("RequestFinished", line.GetProperty("event").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
    }
}
