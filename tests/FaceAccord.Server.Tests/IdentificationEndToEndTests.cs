using System.Net;
using System.Text.Json;
using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Open-set identification through the real HTTP API: 500 LFW people enrolled with one image each,
/// searched with another image of each, and 500 people never enrolled searched as strangers.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class IdentificationEndToEndTests(ServerFixture server, ITestOutputHelper log)
{
    private const int People = 500;

    [Fact]
    public async Task Enrolled_people_are_found_and_strangers_are_not()
    {
        using var client = server.Client(server.KeyA);
        var gallery = await Api.CreateGalleryAsync(client, "lfw-e2e");
        // People are taken in a seeded order until 500 are enrolled: someone whose every image but the last
        // fails the enrolment quality rule cannot be enrolled, and that refusal is the rule working.
        var pool = LfwPeople.Sample(int.MaxValue, n => n >= 2, seed: 20261126);
        var probes = new List<(string Name, byte[] Probe)>();
        var refusals = new Dictionary<string, int>(StringComparer.Ordinal);
        int refused = 0, tried = 0;
        foreach (var (name, images) in pool)
        {
            if (probes.Count == People)
            {
                break;
            }

            tried++;
            var subject = await Api.CreateSubjectAsync(client, gallery, name);
            // The first image that passes the enrolment rule is enrolled; the next one is the probe.
            int used = -1;
            for (int i = 0; i < images.Length - 1 && used < 0; i++)
            {
                var response = await Api.EnrollAsync(client, gallery, subject, await File.ReadAllBytesAsync(images[i]));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    used = i;
                }
                else
                {
                    string code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
                    await Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, code);
                    refusals[code] = refusals.GetValueOrDefault(code) + 1;
                    refused++;
                }
            }

            if (used >= 0)
            {
                probes.Add((name, await File.ReadAllBytesAsync(images[used + 1])));
            }
        }

        Assert.Equal(People, probes.Count);
        // Most people are enrollable; a rule refusing most faces would make this test meaningless.
        Assert.True(tried <= People * 1.5, $"{tried} people tried to enrol {People}");

        int rank1 = 0, foundAtFpir = 0;
        double threshold = double.NaN;
        foreach (var (name, probe) in probes)
        {
            var closed = await Api.IdentifyAsync(client, gallery, probe, "fpir=1&top=5");
            var c = closed.GetProperty("candidates");
            Assert.Equal(JsonValueKind.Null, closed.GetProperty("threshold").ValueKind);
            if (c.GetArrayLength() > 0 && c[0].GetProperty("externalId").GetString() == name)
            {
                rank1++;
            }

            var open = await Api.IdentifyAsync(client, gallery, probe, "fpir=1e-2");
            threshold = open.GetProperty("threshold").GetDouble();
            var oc = open.GetProperty("candidates");
            if (oc.GetArrayLength() > 0 && oc[0].GetProperty("externalId").GetString() == name)
            {
                foundAtFpir++;
            }

            foreach (var candidate in oc.EnumerateArray())
            {
                Assert.True(candidate.GetProperty("similarity").GetDouble() >= threshold);
            }
        }

        int strangersMatched = 0;
        var strangers = LfwPeople.Sample(People, n => n == 1, seed: 20261127);
        foreach (var (_, images) in strangers)
        {
            var open = await Api.IdentifyAsync(client, gallery, await File.ReadAllBytesAsync(images[0]), "fpir=1e-2");
            if (open.GetProperty("candidates").GetArrayLength() > 0)
            {
                strangersMatched++;
            }
        }

        // Rates over every person tried: someone the enrolment rule refused is a miss, not a skipped row.
        double rank1Rate = (double)rank1 / tried;
        double fnir = 1 - ((double)foundAtFpir / tried);
        double fpir = (double)strangersMatched / strangers.Count;
        log.WriteLine($"enrolled {probes.Count} of {tried} people tried (refused images {refused}: {string.Join(", ", refusals.Select(r => $"{r.Key} {r.Value}"))}); " +
            $"over all {tried} tried (not enrolled = missed): closed-set rank-1 {rank1Rate:P1}; at FPIR 1e-2 (threshold {threshold:0.0000}): FNIR {fnir:P1}; " +
            $"over the {probes.Count} enrolled: rank-1 {(double)rank1 / probes.Count:P1}, FNIR {1 - ((double)foundAtFpir / probes.Count):P1}; " +
            $"strangers answered {strangersMatched}/{strangers.Count} ({fpir:P1})");
        Assert.True(rank1Rate >= 0.95, $"closed-set rank-1 {rank1Rate:P1} < 95% over {tried} people tried");

        // Pack 2 with its normalised scores misses about 14% at FPIR 1e-2 (pack 1 missed 93%); a regression past 20% fails.
        Assert.True(fnir <= 0.20, $"FNIR {fnir:P1} at FPIR 1e-2 over {tried} people tried");
        Assert.True(fpir <= 0.02, $"{strangersMatched} of {strangers.Count} strangers got a candidate at FPIR 1e-2");
    }
}
