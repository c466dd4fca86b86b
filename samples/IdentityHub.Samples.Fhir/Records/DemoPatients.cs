using Hl7.Fhir.Model;

namespace IdentityHub.Samples.Fhir.Records;

/// <summary>
/// The two demo members' records: Maria Rivera and Thanh Nguyen, with a few vital signs and lab results, their
/// conditions and their plan coverage. Codes are real LOINC and SNOMED CT codes so that the JSON reads like a
/// health plan's Patient Access API; the people and values are made up.
/// </summary>
public static class DemoPatients
{
    private const string Loinc = "http://loinc.org";
    private const string Snomed = "http://snomed.info/sct";
    private const string Ucum = "http://unitsofmeasure.org";
    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static PatientRecords Create() => new([.. Rivera(), .. Nguyen()]);

    private static IEnumerable<StoredResource> Rivera()
    {
        const string id = "rivera-maria";
        yield return new(Person(id, "Rivera", "Maria", AdministrativeGender.Female, "1950-04-12", "Miami", "FL", "33101", "M1001"), id);
        yield return new(BloodPressure("bp-rivera-1", id, "2025-03-04", 142, 88), id);
        yield return new(Lab("a1c-rivera-1", id, "2025-03-04", "4548-4", "Hemoglobin A1c", 7.4m, "%"), id);
        yield return new(Weight("weight-rivera-1", id, "2025-03-04", 71.2m), id);
        yield return new(Diagnosis("diabetes-rivera", id, "44054006", "Type 2 diabetes mellitus", "2012-06-18"), id);
        yield return new(Diagnosis("hypertension-rivera", id, "38341003", "High blood pressure", "2009-02-02"), id);
        yield return new(PlanCoverage("coverage-rivera", id, "M1001", "MEDICARE-ADV-GOLD", "Medicare Advantage Gold"), id);
    }

    private static IEnumerable<StoredResource> Nguyen()
    {
        const string id = "nguyen-thanh";
        yield return new(Person(id, "Nguyen", "Thanh", AdministrativeGender.Male, "1962-11-03", "Houston", "TX", "77002", "M1002"), id);
        yield return new(BloodPressure("bp-nguyen-1", id, "2025-02-11", 128, 82), id);
        yield return new(Lab("ldl-nguyen-1", id, "2025-02-11", "18262-6", "LDL cholesterol", 162m, "mg/dL"), id);
        yield return new(Weight("weight-nguyen-1", id, "2025-02-11", 84.5m), id);
        yield return new(Diagnosis("hyperlipidemia-nguyen", id, "55822004", "High cholesterol", "2018-09-27"), id);
        yield return new(Diagnosis("asthma-nguyen", id, "195967001", "Asthma", "1975-05-01"), id);
        yield return new(PlanCoverage("coverage-nguyen", id, "M1002", "COMMERCIAL-PPO", "Commercial PPO"), id);
    }

    private static Patient Person(string id, string family, string given, AdministrativeGender gender, string birthDate,
        string city, string state, string zip, string memberId) => new()
    {
        Id = id,
        Identifier = [new Identifier("urn:identityhub:sample:member-id", memberId)],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = [given] }],
        Gender = gender,
        BirthDate = birthDate,
        Address = [new Address { Use = Address.AddressUse.Home, City = city, State = state, PostalCode = zip, Country = "US" }],
    };

    private static Observation BloodPressure(string id, string patientId, string date, int systolic, int diastolic) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(ObservationCategory, "vital-signs", "Vital Signs")],
        Code = new CodeableConcept(Loinc, "85354-9", "Blood pressure panel", "Blood pressure"),
        Subject = new ResourceReference("Patient/" + patientId),
        Effective = new FhirDateTime(date),
        Component =
        [
            new Observation.ComponentComponent
            {
                Code = new CodeableConcept(Loinc, "8480-6", "Systolic blood pressure", "Systolic"),
                Value = Amount(systolic, "mm[Hg]", "mmHg"),
            },
            new Observation.ComponentComponent
            {
                Code = new CodeableConcept(Loinc, "8462-4", "Diastolic blood pressure", "Diastolic"),
                Value = Amount(diastolic, "mm[Hg]", "mmHg"),
            },
        ],
    };

    private static Observation Weight(string id, string patientId, string date, decimal kilograms) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(ObservationCategory, "vital-signs", "Vital Signs")],
        Code = new CodeableConcept(Loinc, "29463-7", "Body weight", "Weight"),
        Subject = new ResourceReference("Patient/" + patientId),
        Effective = new FhirDateTime(date),
        Value = Amount(kilograms, "kg", "kg"),
    };

    private static Observation Lab(string id, string patientId, string date, string loinc, string text, decimal value, string unit) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(ObservationCategory, "laboratory", "Laboratory")],
        Code = new CodeableConcept(Loinc, loinc, text, text),
        Subject = new ResourceReference("Patient/" + patientId),
        Effective = new FhirDateTime(date),
        Value = Amount(value, unit, unit),
    };

    private static Quantity Amount(decimal value, string ucumCode, string unit) =>
        new() { Value = value, Unit = unit, System = Ucum, Code = ucumCode };

    private static Condition Diagnosis(string id, string patientId, string snomed, string text, string onset) => new()
    {
        Id = id,
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
        Code = new CodeableConcept(Snomed, snomed, text, text),
        Subject = new ResourceReference("Patient/" + patientId),
        Onset = new FhirDateTime(onset),
    };

    private static Coverage PlanCoverage(string id, string patientId, string memberId, string planCode, string planName) => new()
    {
        Id = id,
        Status = FinancialResourceStatusCodes.Active,
        Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", "health insurance plan policy"),
        SubscriberId = memberId,
        Beneficiary = new ResourceReference("Patient/" + patientId),
        Relationship = new CodeableConcept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self"),
        Period = new Period(new FhirDateTime("2025-01-01"), new FhirDateTime("2025-12-31")),
        Payor = [new ResourceReference { Display = "IdentityHub Sample Health Plan" }],
        Class =
        [
            new Coverage.ClassComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan"),
                Value = planCode,
                Name = planName,
            },
        ],
    };
}
