using FaceAccord.Core;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class PolicyRequestParserTests
{
    private const string Tenant = """{"sector":"public-agency","country":"US","region":"US-WA","city":"Seattle"}""";

    [Fact]
    public void A_full_request_parses_and_is_normalised()
    {
        var request = PolicyRequestParser.Parse(
            """
            {"tenant":{"sector":"commercial","country":"us","region":"us-or","city":"  Portland ","placeOfPublicAccommodation":true},
             "operation":"identify","purpose":"fraud-prevention","mode":"real-time","setting":"publicly-accessible-space",
             "consequential":true,"legalBasis":{"type":"warrant","reference":" W-17 "}}
            """);

        Assert.Equal(new PolicyTenant("commercial", "US", "US-OR", "Portland", true), request.Tenant);
        Assert.Equal(("identify", "fraud-prevention", "real-time", "publicly-accessible-space", true), (request.Operation, request.Purpose, request.Mode, request.Setting, request.Consequential));
        Assert.Equal(new PolicyLegalBasis("warrant", "W-17"), request.LegalBasis);
    }

    [Fact]
    public void Mode_setting_consequential_and_legal_basis_default_as_the_http_headers_do()
    {
        var request = PolicyRequestParser.Parse($$"""{"tenant":{{Tenant}},"operation":"verify","purpose":"access-control"}""");

        Assert.Equal("one-off", request.Mode);
        Assert.Equal("online", request.Setting);
        Assert.False(request.Consequential);
        Assert.Equal(PolicyLegalBasis.None, request.LegalBasis);
        Assert.Equal(new PolicyTenant("public-agency", "US", "US-WA", "Seattle"), request.Tenant);
    }

    [Theory]
    [InlineData("""{"operation":"verify","purpose":"access-control"}""", "tenant")]
    [InlineData("""{"tenant":{"sector":"police","country":"US"},"operation":"verify","purpose":"access-control"}""", "tenant.sector")]
    [InlineData("""{"tenant":{"country":"US"},"operation":"verify","purpose":"access-control"}""", "tenant.sector")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"USA"},"operation":"verify","purpose":"access-control"}""", "tenant.country")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"DE","region":"US-WA"},"operation":"verify","purpose":"access-control"}""", "tenant.region")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US","region":"Washington"},"operation":"verify","purpose":"access-control"}""", "tenant.region")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US","city":" "},"operation":"verify","purpose":"access-control"}""", "tenant.city")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US","placeOfPublicAccommodation":"yes"},"operation":"verify","purpose":"access-control"}""", "tenant.placeOfPublicAccommodation")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US","zip":"98101"},"operation":"verify","purpose":"access-control"}""", "tenant.zip")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"recognise","purpose":"access-control"}""", "operation")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"purpose":"access-control"}""", "operation")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"shopping"}""", "purpose")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify"}""", "purpose")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","mode":"sometimes"}""", "mode")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","setting":"street"}""", "setting")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","consequential":"yes"}""", "consequential")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","legalBasis":{"type":"hunch"}}""", "legalBasis.type")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","legalBasis":{"reference":"W-1"}}""", "legalBasis.type")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","legalBasis":{"type":"warrant"}}""", "legalBasis.reference")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","legalBasis":{"type":"none","reference":"W-1"}}""", "legalBasis.reference")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","legalBasis":"consent"}""", "legalBasis")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpse":"access-control"}""", "purpse")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","Purpose":"marketing"}""", "Purpose")]
    [InlineData("""{"tenant":"acme","operation":"verify","purpose":"access-control"}""", "tenant")]
    [InlineData("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"access-control","purpose":"marketing"}""", "(request)")]
    [InlineData("""[{"operation":"verify"}]""", "(request)")]
    [InlineData("""{"tenant":""", "(request)")]
    public void A_malformed_request_names_the_field(string json, string field)
    {
        var error = Assert.Throws<FaceAccordException>(() => PolicyRequestParser.Parse(json));

        Assert.Equal(ErrorKind.BadInput, error.Kind);
        Assert.Equal(PolicyRequestParser.ErrorCode, error.Code);
        Assert.Equal(field, error.Data[PolicyRequestParser.FieldKey]);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_purpose_lists_the_vocabulary()
    {
        var error = Assert.Throws<FaceAccordException>(() =>
            PolicyRequestParser.Parse("""{"tenant":{"sector":"commercial","country":"US"},"operation":"verify","purpose":"shopping"}"""));

        Assert.Contains("'shopping'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing-person-search", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vocabularies_hold_the_terms_the_issue_requires_each_with_a_meaning()
    {
        string[] purposes =
        [
            "access-control", "identity-verification", "device-unlock", "fraud-prevention", "employee-timekeeping", "marketing",
            "investigative-lead", "missing-person-search", "imminent-threat-prevention", "serious-crime-suspect-search", "research-evaluation",
        ];

        Assert.All(purposes, p => Assert.True(PolicyVocabulary.Purposes.Contains(p), p));
        Assert.Equal(["commercial", "public-agency", "law-enforcement", "testing"], PolicyVocabulary.Sectors.Terms);
        Assert.Equal(["detect", "verify", "identify", "enroll", "delete", "evaluate", "infer-attributes"], PolicyVocabulary.Operations.Terms);
        Assert.Equal(["one-off", "real-time", "continuous"], PolicyVocabulary.Modes.Terms);
        Assert.Equal(["private-premises", "publicly-accessible-space", "online"], PolicyVocabulary.Settings.Terms);
        Assert.Equal(["none", "consent", "warrant", "court-order", "exigent", "judicial-authorisation"], PolicyVocabulary.LegalBasisTypes.Terms);
        foreach (var set in new[] { PolicyVocabulary.Sectors, PolicyVocabulary.Operations, PolicyVocabulary.Purposes, PolicyVocabulary.Modes, PolicyVocabulary.Settings, PolicyVocabulary.LegalBasisTypes })
        {
            Assert.All(set.Terms, t => Assert.Matches("^[A-Z].{10,}[.?]$", set.Meaning(t)));
        }
    }
}
