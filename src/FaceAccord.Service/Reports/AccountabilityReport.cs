using System.Globalization;
using System.Reflection;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Models.Packs;
using FaceAccord.Packs.Calibration;
using FaceAccord.Storage;

namespace FaceAccord.Service.Reports;

/// <summary>
/// The accountability report Washington asks of an agency before it uses face recognition (RCW 43.386.020): who
/// supplies it, what it can and cannot do, what goes in and out, for which purposes, how it was tested and how
/// often it errs per group, and how data is kept. Every figure is read from the pack, its calibration, the
/// configuration, the store, the audit log or a given fairness audit, never typed into code.
/// </summary>
public static class AccountabilityReport
{
    /// <summary>Where the report's figures come from: the pack and calibration in use, the configuration, the store and the audit log.</summary>
    public sealed record Sources(PackManifest Pack, CalibrationFile Calibration, string ModelId, ServiceOptions Options,
        IGalleryStore Galleries, IApiKeyStore Keys, IReportStore Reports, AuditLog Audit, IReviewCropStore Crops, bool KeepsEnrolledCrops);

    public static ReportDocument Build(Sources service, Tenant tenant, DateTimeOffset generatedAt, FairnessEvidence? fairness = null, string? fairnessSource = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tenant);
        var pack = service.Pack;
        var calibration = service.Calibration;
        var p = tenant.Profile;
        var doc = new ReportDocument($"Accountability report: {p.Name}");
        doc.Facts([
            ("Agency", p.Name),
            ("Tenant id", tenant.Id.ToString()),
            ("Sector", p.Sector),
            ("Jurisdiction", string.Join(", ", new[] { p.City, p.Region, p.Country }.OfType<string>())),
            ("Generated", Time(generatedAt)),
            ("Model in use", service.ModelId),
        ]);

        Vendor(doc, pack);
        Capabilities(doc, service);
        InputsAndOutputs(doc);
        Purposes(doc, service, tenant);
        Thresholds(doc, service, calibration);
        Testing(doc, service, calibration, fairness, fairnessSource);
        DataManagement(doc, service, tenant);
        return doc;
    }

    private static void Vendor(ReportDocument doc, PackManifest pack)
    {
        var software = typeof(AccountabilityReport).Assembly;
        string version = software.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? software.GetName().Version?.ToString() ?? "unknown";
        doc.Heading("Vendor, model pack and version");
        doc.Facts([
            ("Software", $"FaceAccord {version}"),
            ("Model pack", pack.PackId),
            ("Pack built", Time(pack.CreatedUtc)),
            ("Pack format", pack.FormatVersion.ToString(CultureInfo.InvariantCulture)),
            ("Recipe digest", pack.RecipeDigest.Length == 0 ? "(none recorded)" : pack.RecipeDigest),
            ("Embedders in use", string.Join(" + ", pack.DefaultEmbedders.Select(e => $"{e} (weight {F(pack.FusionWeight(e))})"))),
            ("Mirror-averaged templates", pack.FlipAverage ? "yes" : "no"),
        ]);
        doc.Text("Models (ONNX files as converted, with the SHA-256 the pack was built with, and the upstream files they came from):");
        doc.Table(["Model", "Role", "File", "SHA-256", "Source", "Licence"], pack.Models.Select(m => (IReadOnlyList<string>)[
            m.Id, m.Role.ToString().ToLowerInvariant(), m.File, m.Sha256, $"{m.SourcePackage} {m.SourceVersion}", m.Licence]));
        doc.Table(["Model", "Source file", "SHA-256"], pack.Models.SelectMany(m => m.SourceFiles.Select(s => (IReadOnlyList<string>)[m.Id, s.Path, s.Sha256])));
        doc.Bullets(pack.Models.Select(m => $"{m.Id}: {m.Provenance}"));
        if (pack.SelfTests.Count > 0)
        {
            doc.Text("Install-time self-tests:");
            doc.Table(["Embedder", "Passed", "Genuine pairs", "Impostor pairs", "Genuine mean", "Impostor mean", "Separation"], pack.SelfTests.Select(t => (IReadOnlyList<string>)[
                t.ModelId, t.Passed ? "yes" : "no", N(t.GenuinePairs), N(t.ImpostorPairs), F(t.GenuineMean), F(t.ImpostorMean), F(t.Separation)]));
        }
    }

    private static void Capabilities(ReportDocument doc, Sources service)
    {
        doc.Heading("Capabilities and limits");
        doc.Bullets(PolicyVocabulary.Operations.Terms.Select(op => op == "infer-attributes"
            ? $"{op}: never offered. {PolicyVocabulary.Operations.Meaning(op)} FaceAccord does not infer race, ethnicity, emotion, gender or beliefs."
            : $"{op}: {PolicyVocabulary.Operations.Meaning(op)}"));
        doc.Facts([
            ("Verification", $"1:1, accepted at the worst-group threshold for FMR {F(service.Options.DefaultVerifyFmr)} unless the request asks for another calibrated rate"),
            ("Identification", $"1:N open-set search; at most {service.Options.MaxCandidates} candidates, default false-positive identification rate {F(service.Options.DefaultFpir)} per search"),
            ("Search index", $"exact scan below {N(service.Options.Search.HnswThreshold)} faces per gallery, approximate (HNSW) graph above"),
            ("Calibrated rates", string.Join(", ", service.Calibration.Thresholds.Where(r => r.WorstGroup is not null).Select(r => F(r.TargetFmr)))),
        ]);
        doc.Text("Limits: accuracy holds only for images like those of the calibration and test data below; groups with too few "
            + "impostor pairs for a rate are listed as not estimable and carry no measured guarantee; rates other than the calibrated ones are refused.");
    }

    private static void InputsAndOutputs(ReportDocument doc)
    {
        doc.Heading("Data inputs and outputs");
        doc.Bullets([
            "Inputs: face images (JPEG, PNG, ...), the declared purpose, mode (one-off, real-time, continuous), setting, whether the decision is consequential, and the legal basis (consent record, warrant, court order, ...).",
            "Outputs: face boxes and landmarks; similarity scores with the threshold and its target rate; for identification, candidate subject ids and external ids with scores, or a review case id while a result is held for human review.",
            "Stored on enrolment: a face template (float16 vector of the model in use), its quality figures, and the image only in galleries set to keep images.",
            "Recorded for every request: an audit entry (tenant, key id, operation, purpose, mode, legal basis, decision, rule ids, gallery, candidate ids), never a template or image.",
        ]);
    }

    private static void Purposes(ReportDocument doc, Sources service, Tenant tenant)
    {
        var p = tenant.Profile;
        var policyTenant = new PolicyTenant(p.Sector, p.Country, p.Region, p.City, p.PlaceOfPublicAccommodation);
        var packs = PolicyEngine.BuiltIn(service.Options.EnabledPolicyPacks).Packs.Where(x => x.AppliesTo.AppliesTo(policyTenant)).ToList();
        doc.Heading("Purposes and the rules that govern them");
        doc.Text("Policy packs enabled in this deployment that apply to this agency:");
        doc.Table(["Pack", "Title", "Rules", "Citations"], packs.Select(x => (IReadOnlyList<string>)[
            x.Id, x.Title, string.Join(", ", x.Rules.Select(r => r.Id)), string.Join("; ", x.Citations)]));

        // Counted as the transparency report counts them: reviewers' decisions, the entry closing a held request and
        // the sweeper's deletions are not requests.
        var used = TransparencyFigures.Compute(service.Audit, service.Reports, tenant.Id, null, null).Requests
            .Where(r => r.Purpose != TransparencyFigures.NoPurpose)
            .Select(r => (r.Purpose, r.Operation, r.Allowed, All: r.Total))
            .OrderBy(x => x.Purpose, StringComparer.Ordinal).ThenBy(x => x.Operation, StringComparer.Ordinal).ToList();
        doc.Text("Purposes declared in this agency's requests so far (from the audit log):");
        if (used.Count == 0)
        {
            doc.Text("None yet.");
        }
        else
        {
            doc.Table(["Purpose", "Meaning", "Operation", "Requests", "Allowed"], used.Select(u => (IReadOnlyList<string>)[
                u.Purpose, PolicyVocabulary.Purposes.Contains(u.Purpose) ? PolicyVocabulary.Purposes.Meaning(u.Purpose) : "", u.Operation, N(u.All), N(u.Allowed)]));
        }
    }

    private static void Thresholds(ReportDocument doc, Sources service, CalibrationFile calibration)
    {
        doc.Heading("Thresholds in force and false-match rates per group");
        doc.Text($"From the pack's calibration of {calibration.ModelId} ({Time(calibration.CreatedAt)}). A threshold for a target false-match rate (FMR) is the "
            + "highest of every group's own threshold, so the target holds for each measured group. FNMR: false non-match rate on the calibration's genuine pairs.");
        doc.Table(["Target FMR", "Threshold in force (worst group)", "Set by", "Worst-group FMR", "FNMR", "Overall threshold", "Not estimable"],
            calibration.Thresholds.Select(r => (IReadOnlyList<string>)[
                F(r.TargetFmr),
                r.WorstGroup is { } w ? F(w.Threshold) : "none",
                r.WorstGroup?.Group ?? "",
                r.WorstGroup is { } w2 ? F(w2.Fmr) : "",
                r.WorstGroup?.Fnmr is { } fn ? F(fn) : "",
                r.Overall is { } o ? F(o.Threshold) : "none",
                r.NotEstimable.Count == 0 ? "" : string.Join(", ", r.NotEstimable)]));
        doc.Text("Each group's own threshold and measured FMR per target:");
        doc.Table(["Group", "Impostor pairs", .. calibration.Thresholds.Select(r => $"FMR {F(r.TargetFmr)}: threshold / FMR")],
            calibration.ImpostorByGroup.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<string>)[
                g.Key, N(g.Value.Scored),
                .. calibration.Thresholds.Select(r => r.Groups.FirstOrDefault(x => x.Group == g.Key) is { } pt ? $"{F(pt.Threshold)} / {F(pt.Fmr)}" : "not estimable")]));
    }

    private static void Testing(ReportDocument doc, Sources service, CalibrationFile calibration, FairnessEvidence? fairness, string? source)
    {
        doc.Heading("Testing procedure");
        doc.Facts([
            ("Calibration data", string.Join("; ", calibration.Datasets)),
            ("Genuine pairs", $"{N(calibration.Genuine.Pairs)} ({N(calibration.Genuine.Failed)} without a face)"),
            ("Impostor pairs", $"{N(calibration.Impostor.Pairs)} ({N(calibration.Impostor.Failed)} without a face)"),
            ("Estimability rule", $"a rate r is estimated from n impostor pairs only when n·r ≥ {calibration.MinExpectedFalseMatches}"),
        ]);
        if (fairness is null)
        {
            doc.Text("No independent fairness evaluation was given for this report (faceaccord fairness MANIFEST --out DIR, then --fairness DIR/fairness.json); the rates above are the pack's own calibration.");
            return;
        }

        Fairness(doc, service.ModelId, fairness, source);
    }

    /// <summary>The fairness evaluation's section: what was measured, on what, each group's rates and the worst-group choice.</summary>
    public static void Fairness(ReportDocument doc, string modelId, FairnessEvidence fairness, string? source)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(fairness);
        doc.Heading("Latest fairness evaluation");
        if (!string.Equals(fairness.Model, modelId, StringComparison.Ordinal))
        {
            doc.Warning($"This evaluation measured {fairness.Model}, not the model in use ({modelId}); its rates do not describe the service as deployed.");
        }

        doc.Facts([
            ("Source", source ?? "(given)"),
            ("Model", fairness.Model),
            ("Test data", $"{fairness.Manifest}: {N(fairness.Images)} images, {N(fairness.ImagesWithoutFace)} without a face"),
            ("Operating point", $"{fairness.Calibration} threshold {F(fairness.Threshold)} for FMR {F(fairness.TargetFmr)}"),
            ("Intervals", $"{F(fairness.ConfidenceLevel * 100)}% subject-bootstrap, {N(fairness.BootstrapResamples)} resamples, seed {fairness.Seed}"),
        ]);
        foreach (var b in fairness.Breakdowns)
        {
            doc.Text($"By {string.Join(" × ", b.Columns)} ({N(b.UnlabelledImages)} images without these labels left out):");
            doc.Table(["Group", "Subjects", "Genuine pairs", "Impostor pairs", "FMR [interval]", "FNMR [interval]"], b.Groups.Select(g => (IReadOnlyList<string>)[
                g.Name, N(g.Subjects), N(g.GenuinePairs), N(g.ImpostorPairs), Rate(g.Fmr, g.FmrLower, g.FmrUpper), Rate(g.Fnmr, g.FnmrLower, g.FnmrUpper)]));
            doc.Facts([
                ("Highest / lowest group FMR", b.FmrMaxMinRatio is { } fr ? F(fr) : "unbounded or not measured (some group FMR is 0, or fewer than two groups)"),
                ("Highest / lowest group FNMR", b.FnmrMaxMinRatio is { } nr ? F(nr) : b.Note ?? "unbounded or not measured"),
            ]);
        }

        if (fairness.WorstGroup is { } wg)
        {
            string margin = wg.Confidence is { } level
                ? $"a {wg.Bound} bound at {F(level)} ({wg.Resampling} bootstrap) above each group's point threshold"
                : "no margin (point thresholds)";
            string within = wg.AllWithinTarget switch { true => "every group stayed within the target", false => "some group exceeded the target", null => "no group could estimate the target" };
            doc.Text($"Worst-group calibration: threshold {(wg.Threshold is { } t ? F(t) : "none")} for FMR {F(wg.TargetFmr)}, set by {wg.SetBy ?? "the pooled pairs"}, with {margin}; {wg.Evaluation}; {within}.");
        }

        if (fairness.Breakdowns.Count > 0 && fairness.FmrChartPng is { } png)
        {
            doc.Chart($"FMR per group ({string.Join(" × ", fairness.Breakdowns[0].Columns)}) with intervals, target FMR {F(fairness.TargetFmr)} dashed", png);
        }
    }

    private static void DataManagement(ReportDocument doc, Sources service, Tenant tenant)
    {
        doc.Heading("Data management");
        var galleries = service.Galleries.ListGalleries(tenant.Id);
        if (galleries.Count == 0)
        {
            doc.Text("This agency has no galleries: no templates or images are stored for it.");
        }
        else
        {
            doc.Table(["Gallery", "Subjects", "Model", "Images kept", "Retention", "Created"], galleries.Select(g => (IReadOnlyList<string>)[
                g.Name, N(service.Galleries.CountSubjects(g.Id)), g.ModelId, g.StoresImages ? "yes" : "no (templates only)",
                g.RetentionDays is { } days ? $"{N(days)} days after a subject's last interaction" : "no gallery limit (policy limits apply)", Time(g.CreatedAt)]));
        }

        var keys = service.Keys.ListApiKeys(tenant.Id).Where(k => k.RevokedAt is null).ToList();
        doc.Bullets([
            $"New galleries keep images: {(service.Options.StoreImagesByDefault ? "yes" : "no")} (deployment default); each gallery's own setting is listed above.",
            "Enrolment needs a per-subject legal basis where a policy pack asks for one; no bulk enrolment without it.",
            "Retention: a subject expires at the earlier of its gallery's period and any policy limit, counted from its last interaction; an expired subject is never searched and is deleted by the retention sweep (the server sweeps on a timer, 'faceaccord retention sweep' on demand), leaving a tombstone of ids in the audit log.",
            "Deleting a face, subject or gallery erases its templates, images and review crops from the store, overwritten on disk; the audit log keeps a tombstone with ids only.",
            ReviewCrops(service, tenant),
            "The audit log is append-only and hash-chained; it is never pruned, and 'faceaccord audit verify' proves it intact.",
            $"Identifications and verifications under a human-review condition are held as review cases; the result is released only after the required distinct reviewers confirm. Reviewers act under reviewer keys, which see the held result and can do nothing else; operator keys cannot review. Active keys now: {N(keys.Count(k => k.Role == KeyRole.Operator))} operator, {N(keys.Count(k => k.Role == KeyRole.Reviewer))} reviewer.",
        ]);
        var chain = service.Audit.Verify();
        doc.Text(chain.Intact
            ? $"Audit log at generation: {N(chain.Count)} entries, chain intact, head hash {chain.HeadHashHex}."
            : $"Audit log at generation: chain BROKEN at entry {chain.Break!.Sequence} ({chain.Break.Explanation}).");
    }

    /// <summary>The review-crop rule as it applies to this tenant, with the crops its store holds now.</summary>
    private static string ReviewCrops(Sources service, Tenant tenant)
    {
        var counts = service.Crops.CountCrops(tenant.Id);
        string enrolled = service.KeepsEnrolledCrops
            ? $"Review crops: the policy packs can hold this agency's identifications for human review, so each enrolled face keeps an aligned face crop ({Vision.Alignment.ReviewCrop.Size}×{Vision.Alignment.ReviewCrop.Size} px JPEG, the face only, never the photo) for reviewers to compare; it is sealed like a template and deleted with its face (face, subject or gallery deletion, consent withdrawal, erasure, retention expiry)."
            : "Review crops: no policy pack holds this agency's identifications for human review, so enrolled faces keep no crop.";
        return $"{enrolled} A request held for review keeps its probe's crop (both faces of a verification) until the case is decided plus {N(service.Options.ProbeCropRetentionDays)} days, then the retention sweep deletes it and records the deletion in the audit log. Held now: {N(counts.FaceCrops)} enrolled-face crops, {N(counts.ProbeCrops)} probe crops.";
    }

    private static string Rate(double? value, double? lower, double? upper) =>
        value is not { } v ? "not measured" : lower is { } lo && upper is { } hi ? $"{F(v)} [{F(lo)}, {F(hi)}]" : F(v);

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
