namespace FaceAccord.Governance.Policies;

/// <summary>
/// The closed vocabularies a policy request and a policy pack are written in; each term has a one-line meaning so
/// that a declared purpose is a documented commitment, not free text.
/// </summary>
public static class PolicyVocabulary
{
    public const string DefaultMode = "one-off";
    public const string DefaultSetting = "online";
    public const string NoLegalBasis = "none";

    public static PolicyTermSet Sectors { get; } = new(
        "sector",
        ("commercial", "A private business or other private organisation."),
        ("public-agency", "A state, regional or local government body that is not a law-enforcement agency."),
        ("law-enforcement", "Police, sheriffs, prosecutors and other agencies that enforce criminal law."),
        ("testing", "An organisation that only measures face recognition (accuracy, fairness), treated as a private entity."));

    public static PolicyTermSet Operations { get; } = new(
        "operation",
        ("detect", "Find faces in an image, without recognising anyone."),
        ("verify", "Compare two faces (1:1): is this the person they claim to be?"),
        ("identify", "Search a gallery for a face (1:N): who is this?"),
        ("enroll", "Store a person's face template in a gallery."),
        ("delete", "Remove a person's templates and images."),
        ("evaluate", "Measure accuracy and fairness on test data."),
        ("infer-attributes", "Estimate traits such as age, gender, race or emotion from a face."));

    public static PolicyTermSet Purposes { get; } = new(
        "purpose",
        ("access-control", "Admit a person to a building, area or system."),
        ("identity-verification", "Confirm that a person is who they claim to be, e.g. when opening an account."),
        ("device-unlock", "Let a person unlock their own phone, computer or other device."),
        ("fraud-prevention", "Detect impersonation or repeated identities in a transaction."),
        ("employee-timekeeping", "Record when employees start and end work."),
        ("workplace-monitoring", "Watch employees at work: attendance, attention or conduct."),
        ("education-proctoring", "Supervise students, e.g. during a remote exam."),
        ("marketing", "Recognise or profile customers to promote products."),
        ("investigative-lead", "Produce leads for a criminal investigation, to be checked by other means."),
        ("missing-person-search", "Targeted search for a missing person or a victim of abduction, trafficking or sexual exploitation."),
        ("imminent-threat-prevention", "Prevent a specific, substantial and imminent threat to life or safety, or a terrorist attack."),
        ("serious-crime-suspect-search", "Locate or identify a person suspected of a serious criminal offence."),
        ("deceased-identification", "Identify a person who has died."),
        ("research-evaluation", "Measure a system's accuracy and fairness on test data."),
        ("legal-compliance", "Do what a law or regulation requires of the operator."),
        ("data-subject-request", "Act on a person's request to see or delete their own data."),
        ("data-sale", "Sell, lease, trade or otherwise profit from biometric identifiers or templates."),
        ("bulk-collection", "Build or grow a face database from images gathered without targeting specific people (scraped from the internet or CCTV)."));

    public static PolicyTermSet Modes { get; } = new(
        "mode",
        ("one-off", "A single request about images already taken (including after the fact)."),
        ("real-time", "Recognition on live or near-live video as events happen."),
        ("continuous", "Ongoing surveillance or persistent tracking over time."));

    public static PolicyTermSet Settings { get; } = new(
        "setting",
        ("private-premises", "A place not open to the public: an office, a home, a staff-only area."),
        ("publicly-accessible-space", "A place anyone may enter: streets, shops, stations, stadiums."),
        ("online", "Images uploaded or captured through an app or website."));

    public static PolicyTermSet LegalBasisTypes { get; } = new(
        "legal basis type",
        ("none", "No legal basis is claimed."),
        ("consent", "The person's informed written consent; the reference is the consent record's id."),
        ("warrant", "A warrant authorising this use; the reference is its number."),
        ("court-order", "A court order authorising this use; the reference is its number."),
        ("exigent", "Exigent circumstances (an emergency threatening life); the reference is the incident number."),
        ("judicial-authorisation", "Prior authorisation by a judicial or independent administrative authority; the reference is its number."));
}
