using FaceAccord.Governance.Policies;
using static FaceAccord.Governance.Tests.Policies.PolicyScenario;
using static FaceAccord.Governance.Tests.Policies.Requests;

namespace FaceAccord.Governance.Tests.Policies;

/// <summary>The table of scenarios across the built-in packs; every rule fires in at least one and is shown not to overreach in another.</summary>
internal static class PolicyScenarios
{
    private const string UsLaw = "vendor-no-us-law-enforcement";
    private const string NoAttributes = "vendor-no-attribute-inference";
    private const string NoScraping = "vendor-no-untargeted-scraping";
    private const string Sf = "us-ca-sf-19b-ban";
    private const string WaReport = "us-wa-sb6280-accountability-report";
    private const string WaReview = "us-wa-sb6280-human-review";
    private const string WaSurveillance = "us-wa-sb6280-surveillance";
    private const string BipaRelease = "us-il-bipa-15b-written-release";
    private const string BipaConsent = "us-il-bipa-15b-consent-record";
    private const string BipaRetention = "us-il-bipa-15a-retention";
    private const string BipaSale = "us-il-bipa-15c-no-sale";
    private const string Portland = "us-or-portland-34.10-public-accommodation";
    private const string EuRealTime = "eu-ai-act-art5-1h-realtime-rbi";
    private const string EuEmotion = "eu-ai-act-art5-1f-emotion-work-education";
    private const string EuCategorisation = "eu-ai-act-art5-1g-biometric-categorisation";
    private const string EuScraping = "eu-ai-act-art5-1e-untargeted-scraping";
    private const string EuTwoPeople = "eu-ai-act-art14-5-two-person-verification";
    private const string EuLogs = "eu-ai-act-art26-6-log-retention";
    private const string EuPostRbi = "eu-ai-act-art26-10-post-rbi-authorisation";

    private static readonly PolicyCondition Report = new AccountabilityReportCondition();
    private static readonly PolicyCondition Consent = new ConsentRequiredCondition();
    private static readonly PolicyCondition ThreeYears = new RetentionCondition(1095);
    private static readonly PolicyCondition SixMonthsOfLogs = new LogRetentionCondition(183);
    private static readonly PolicyCondition Authorisation = new LegalBasisRequiredCondition(["judicial-authorisation"], 48);

    private static HumanReviewCondition Reviewers(int n) => new HumanReviewCondition(n);

    public static IReadOnlyList<PolicyScenario> All { get; } =
    [
        // vendor: the 2020 moratoria and FaceAccord's own limits.
        Deny("us-police-identify", "2020 moratoria: no U.S. police use", Make(NewYorkPolice, "identify", "investigative-lead"), UsLaw),
        Deny("us-police-verify", "2020 moratoria: no U.S. police use", Make(NewYorkPolice, "verify", "identity-verification"), UsLaw),
        Deny("us-territory-police-identify", "2020 moratoria: U.S. territories are the U.S.", Make(PuertoRicoPolice, "identify", "serious-crime-suspect-search"), UsLaw),
        AllowPlain("us-police-may-delete", "2020 moratoria: deleting data is not use", Make(NewYorkPolice, "delete", "data-subject-request")),
        AllowPlain("uk-police-not-us", "2020 moratoria concern U.S. police only", Make(LondonPolice, "identify", "investigative-lead")),
        Deny("sf-police-every-denial-listed", "2020 moratoria and S.F. Admin. Code § 19B.2(d)", Make(SanFranciscoPolice, "identify", "investigative-lead"), UsLaw, Sf),
        Deny("attributes-us-marketing", "Design: never infer attributes", Make(NewYorkShop, "infer-attributes", "marketing"), NoAttributes),
        AllowPlain("detect-us-marketing", "Design: detection infers nothing", Make(NewYorkShop, "detect", "marketing")),
        Deny("scraping-us", "Design: no untargeted scraping", Make(NewYorkShop, "enroll", "bulk-collection"), NoScraping),
        AllowPlain("targeted-enrolment-us", "Design: targeted enrolment with consent", Make(NewYorkShop, "enroll", "access-control", basis: "consent")),

        // San Francisco Administrative Code 19B.
        Deny("sf-agency-verify", "S.F. Admin. Code § 19B.2(d): may not use", Make(SanFranciscoAgency, "verify", "identity-verification"), Sf),
        Deny("sf-agency-evaluate", "S.F. Admin. Code § 19B.2(d): may not obtain or access", Make(SanFranciscoAgency, "evaluate", "research-evaluation"), Sf),
        Deny("sf-agency-city-any-case", "S.F. Admin. Code § 19B.2(d): city names match whatever their case",
            Make(SanFranciscoAgency with { City = "san francisco" }, "detect", "access-control"), Sf),
        AllowPlain("sf-agency-may-delete", "S.F. Admin. Code § 19B.2(d): deleting ends retention", Make(SanFranciscoAgency, "delete", "legal-compliance")),
        AllowPlain("sf-business-not-a-department", "S.F. Admin. Code ch. 19B binds city departments only", Make(SanFranciscoShop, "identify", "fraud-prevention")),
        AllowPlain("oakland-agency-not-sf", "S.F. Admin. Code ch. 19B is San Francisco's", Make(OaklandAgency, "verify", "identity-verification")),

        // Washington SB 6280, chapter 43.386 RCW.
        Allow("wa-agency-report-before-use", "RCW 43.386.020: accountability report before use",
            Make(SeattleAgency, "verify", "identity-verification"), [WaReport], Report),
        Allow("wa-agency-consequential-review", "RCW 43.386.050: meaningful human review",
            Make(SeattleAgency, "identify", "investigative-lead", consequential: true), [WaReport, WaReview], Reviewers(1), Report),
        AllowPlain("wa-agency-delete-needs-no-report", "RCW 43.386.020 concerns developing, procuring or using", Make(SeattleAgency, "delete", "data-subject-request")),
        Deny("wa-agency-real-time-without-basis", "RCW 43.386.080(1): real-time identification needs a warrant, exigency or court order",
            Make(SeattleAgency, "identify", "investigative-lead", mode: "real-time", setting: "publicly-accessible-space"), WaSurveillance),
        Deny("wa-agency-tracking-consent-is-not-enough", "RCW 43.386.080(1): consent is none of the three bases",
            Make(SeattleAgency, "verify", "access-control", mode: "continuous", basis: "consent"), WaSurveillance),
        Allow("wa-agency-continuous-with-warrant", "RCW 43.386.080(1)(a): warrant",
            Make(SeattleAgency, "identify", "serious-crime-suspect-search", mode: "continuous", basis: "warrant"), [WaReport], Report),
        Allow("wa-agency-real-time-exigent", "RCW 43.386.080(1)(b): exigent circumstances",
            Make(SeattleAgency, "identify", "imminent-threat-prevention", mode: "real-time", basis: "exigent"), [WaReport], Report),
        Allow("wa-agency-real-time-court-order-missing-person", "RCW 43.386.080(1)(c): court order to locate a missing person",
            Make(SeattleAgency, "identify", "missing-person-search", mode: "real-time", basis: "court-order"), [WaReport], Report),
        Allow("wa-agency-court-order-deceased", "RCW 43.386.080(1)(c): court order to identify a deceased person",
            Make(SeattleAgency, "identify", "deceased-identification", mode: "continuous", basis: "court-order", consequential: true),
            [WaReport, WaReview], Reviewers(1), Report),
        Deny("wa-agency-court-order-other-purpose", "RCW 43.386.080(1)(c): a court order serves only missing or deceased persons",
            Make(SeattleAgency, "identify", "investigative-lead", mode: "real-time", basis: "court-order"), WaSurveillance),
        Allow("wa-agency-real-time-detection-is-not-identification", "RCW 43.386.080(1) concerns identification and tracking",
            Make(SeattleAgency, "detect", "access-control", mode: "real-time"), [WaReport], Report),
        AllowPlain("wa-business-not-an-agency", "Chapter 43.386 RCW binds state and local government agencies",
            Make(SpokaneShop, "identify", "fraud-prevention", mode: "real-time", consequential: true)),
        Deny("wa-police-moratorium-and-law", "2020 moratoria and RCW 43.386.080(1)",
            Make(SeattlePolice, "identify", "investigative-lead", mode: "real-time"), UsLaw, WaSurveillance),

        // Illinois BIPA, 740 ILCS 14.
        Deny("il-enrol-without-consent", "740 ILCS 14/15(b): written release before collection", Make(ChicagoShop, "enroll", "access-control"), BipaRelease),
        Deny("il-enrol-warrant-is-not-consent", "740 ILCS 14/15(b)(3): the release comes from the subject",
            Make(ChicagoShop, "enroll", "fraud-prevention", basis: "warrant"), BipaRelease),
        Allow("il-enrol-with-consent", "740 ILCS 14/15(a),(b): consent record and 3-year retention",
            Make(ChicagoShop, "enroll", "access-control", basis: "consent"), [BipaConsent, BipaRetention], ThreeYears, Consent),
        Allow("il-lab-enrol-with-consent", "740 ILCS 14/15(a),(b): testing organisations are private entities",
            Make(ChicagoLab, "enroll", "research-evaluation", basis: "consent"), [BipaConsent, BipaRetention], ThreeYears, Consent),
        Deny("il-sale", "740 ILCS 14/15(c): no sale", Make(ChicagoShop, "identify", "data-sale"), BipaSale),
        Deny("il-sale-even-with-consent", "740 ILCS 14/15(b),(c): consent does not permit sale",
            Make(ChicagoShop, "enroll", "data-sale", basis: "consent"), BipaSale),
        AllowPlain("il-verify-consented-template", "740 ILCS 14/15(b) governs collection (enrolment)", Make(ChicagoShop, "verify", "identity-verification")),
        AllowPlain("il-agency-not-a-private-entity", "740 ILCS 14/10: government agencies are not private entities", Make(ChicagoAgency, "enroll", "access-control")),

        // EU AI Act, Regulation (EU) 2024/1689.
        Deny("eu-real-time-rbi-police", "AI Act Art. 5(1)(h): real-time RBI in public for law enforcement",
            Make(BerlinPolice, "identify", "investigative-lead", mode: "real-time", setting: "publicly-accessible-space"), EuRealTime),
        Allow("eu-real-time-rbi-authorised-missing-person", "AI Act Art. 5(1)(h)(i), 5(3): authorised targeted search",
            Make(BerlinPolice, "identify", "missing-person-search", mode: "real-time", setting: "publicly-accessible-space", basis: "judicial-authorisation"),
            [EuTwoPeople, EuLogs], Reviewers(2), SixMonthsOfLogs),
        Allow("eu-real-time-rbi-authorised-threat", "AI Act Art. 5(1)(h)(ii), 5(3): imminent threat",
            Make(BerlinPolice, "identify", "imminent-threat-prevention", mode: "continuous", setting: "publicly-accessible-space", basis: "judicial-authorisation"),
            [EuTwoPeople, EuLogs], Reviewers(2), SixMonthsOfLogs),
        Deny("eu-real-time-rbi-authorised-wrong-purpose", "AI Act Art. 5(1)(h): only the three listed objectives",
            Make(BerlinPolice, "identify", "investigative-lead", mode: "real-time", setting: "publicly-accessible-space", basis: "judicial-authorisation"), EuRealTime),
        Deny("eu-real-time-rbi-listed-purpose-no-authorisation", "AI Act Art. 5(3): prior authorisation",
            Make(BerlinPolice, "identify", "serious-crime-suspect-search", mode: "real-time", setting: "publicly-accessible-space", basis: "warrant"), EuRealTime),
        Allow("eu-real-time-private-premises", "AI Act Art. 5(1)(h) concerns publicly accessible spaces",
            Make(BerlinPolice, "identify", "investigative-lead", mode: "real-time", setting: "private-premises"), [EuTwoPeople, EuLogs], Reviewers(2), SixMonthsOfLogs),
        Allow("eu-post-rbi-needs-authorisation", "AI Act Art. 26(10): authorisation within 48 hours; Art. 14(5); Art. 26(6)",
            Make(BerlinPolice, "identify", "investigative-lead"), [EuTwoPeople, EuLogs, EuPostRbi], Reviewers(2), SixMonthsOfLogs, Authorisation),
        Allow("eu-post-rbi-already-authorised", "AI Act Art. 26(10): authorisation recorded",
            Make(BerlinPolice, "identify", "serious-crime-suspect-search", basis: "judicial-authorisation"), [EuTwoPeople, EuLogs], Reviewers(2), SixMonthsOfLogs),
        Deny("eu-emotion-at-work", "AI Act Art. 5(1)(f), (g): emotion recognition at work",
            Make(BerlinShop, "infer-attributes", "employee-timekeeping"), NoAttributes, EuEmotion, EuCategorisation),
        Deny("eu-emotion-in-education", "AI Act Art. 5(1)(f), (g): emotion recognition in education",
            Make(DublinSchool, "infer-attributes", "education-proctoring"), NoAttributes, EuEmotion, EuCategorisation),
        Deny("eu-categorisation-marketing", "AI Act Art. 5(1)(g): biometric categorisation",
            Make(BerlinShop, "infer-attributes", "marketing"), NoAttributes, EuCategorisation),
        Deny("eu-scraping", "AI Act Art. 5(1)(e): untargeted scraping",
            Make(ParisShop, "enroll", "bulk-collection"), NoScraping, EuScraping),
        Allow("eu-shop-identify-two-people", "AI Act Art. 14(5): two people verify an identification; Art. 26(6)",
            Make(ParisShop, "identify", "access-control", setting: "private-premises"), [EuTwoPeople, EuLogs], Reviewers(2), SixMonthsOfLogs),
        Allow("eu-enrolment-logs", "AI Act Art. 26(6): logs of the gallery behind an identification",
            Make(ParisShop, "enroll", "access-control", basis: "consent"), [EuLogs], SixMonthsOfLogs),
        AllowPlain("eu-verification-not-rbi", "AI Act Annex III 1(a): verification is not remote identification",
            Make(ParisShop, "verify", "identity-verification")),
        AllowPlain("uk-not-eu", "AI Act applies in the 27 member states", Make(LondonShop, "identify", "access-control")),

        // Portland City Code chapter 34.10.
        Deny("portland-shop-identify", "Portland City Code 34.10.030: no use in places of public accommodation",
            Make(PortlandShop, "identify", "fraud-prevention", setting: "publicly-accessible-space"), Portland),
        Deny("portland-shop-camera-detection", "Portland City Code 34.10.030: detection outside social media is use",
            Make(PortlandShop, "detect", "marketing", setting: "publicly-accessible-space"), Portland),
        Deny("portland-lab-evaluate-on-site", "Portland City Code 34.10.030: private entities include testers",
            Make(PortlandShop with { Sector = "testing" }, "evaluate", "research-evaluation"), Portland),
        AllowPlain("portland-device-unlock", "Portland City Code 34.10.040(B): unlocking one's own device", Make(PortlandShop, "verify", "device-unlock")),
        AllowPlain("portland-legal-compliance", "Portland City Code 34.10.040(A): complying with law", Make(PortlandShop, "identify", "legal-compliance")),
        AllowPlain("portland-social-media-detection", "Portland City Code 34.10.040(C): face detection in social media", Make(PortlandShop, "detect", "marketing")),
        AllowPlain("portland-may-delete", "Portland City Code 34.10.030: deleting is not use", Make(PortlandShop, "delete", "data-subject-request")),
        AllowPlain("portland-not-public-accommodation", "Portland City Code 34.10.030 concerns places of public accommodation",
            Make(PortlandOffice, "identify", "access-control", setting: "private-premises")),
        AllowPlain("portland-maine-not-oregon", "Portland City Code applies in Portland, Oregon", Make(PortlandMaineShop, "identify", "fraud-prevention")),
        AllowPlain("portland-agency-not-private", "Portland City Code 34.10 binds private entities", Make(PortlandAgency, "identify", "access-control")),
    ];

    public static PolicyScenario Named(string name) => All.Single(s => s.Name == name);
}
