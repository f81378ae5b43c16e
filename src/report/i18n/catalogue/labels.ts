/**
 * Words for ids found in results.json that are the toolkit's own (roles, estimators, loss
 * reasons, multiplicity and df methods), the estimand texts by population and estimator, the
 * abbreviations list, and the CONSORT 2025 checklist topics in short form. Names that belong to
 * a trial (visits, characteristics, levels, populations) come from results.json's `labels` and
 * `populations`, echoed from the spec, never from here.
 */
import { e } from '../entry.ts';
import { timeToEventMissingData } from '../../../analysis/text/time-to-event-missing.ts';

type Table = Readonly<Record<string, string>>;
const t = (da: Table, en: Table) => e<Table>(da, en);

export const labels = {
  labels: e<{ readonly roles: Readonly<Record<'primary' | 'secondary' | 'exploratory' | 'safety', string>>; readonly estimators: Table; readonly populations: Table; readonly reasons: Table; readonly multiplicity: Table; readonly dfMethods: Table }>(
    {
      roles: { primary: 'Primært effektmål', secondary: 'Sekundære effektmål', exploratory: 'Udforskende effektmål', safety: 'Skadevirkninger' },
      estimators: {
        ancova: 'ANCOVA',
        'complete-case': 'Komplette observationer',
        'per-protocol': 'Per protokol',
        welch: 'Ujusteret (Welch)',
        mmrm: 'Blandet model (MMRM)',
        'mi-ancova': 'Multipel imputation (MI)',
        mi: 'Multipel imputation (MI)',
        'tipping-point': 'Vendepunktsanalyse',
        // Time-to-event rows: an abbreviation is written as one ("RMST"), never humanised to "Rmst".
        cox: 'Cox',
        rmst: 'RMST',
        'cumulative-incidence': 'Kumuleret incidens',
      },
      populations: { itt: 'Alle randomiserede (ITT)', 'per-protocol': 'Per protokol' },
      reasons: { could_not_be_contacted: 'kunne ikke kontaktes', moved: 'flyttet', too_unwell: 'for syg', withdrew: 'trak sig', died: 'død', other: 'anden årsag', unknown: 'ukendt årsag', not_recorded: 'ikke oplyst', no_row: 'ingen registrering' },
      multiplicity: {
        'fixed-sequence': 'fast rækkefølge',
        'holm, gated by primary': 'Holm, kun hvis det primære effektmål er signifikant',
        'none (unadjusted, exploratory)': 'ingen (udforskende)',
        holm: 'Holm',
        hochberg: 'Hochberg',
        bonferroni: 'Bonferroni',
      },
      dfMethods: { 'Barnard-Rubin': 'Barnard–Rubin', 'barnard-rubin': 'Barnard–Rubin', residual: 'residualer', 'Welch–Satterthwaite': 'Welch–Satterthwaite', satterthwaite: 'Satterthwaite', 'kenward-roger': 'Kenward–Roger' },
    },
    {
      roles: { primary: 'Primary outcome', secondary: 'Secondary outcomes', exploratory: 'Exploratory outcomes', safety: 'Harms' },
      estimators: {
        ancova: 'ANCOVA',
        'complete-case': 'Complete cases',
        'per-protocol': 'Per protocol',
        welch: 'Unadjusted (Welch)',
        mmrm: 'Mixed model (MMRM)',
        'mi-ancova': 'Multiple imputation (MI)',
        mi: 'Multiple imputation (MI)',
        'tipping-point': 'Tipping-point analysis',
        cox: 'Cox',
        rmst: 'RMST',
        'cumulative-incidence': 'Cumulative incidence',
      },
      populations: { itt: 'All randomised (ITT)', 'per-protocol': 'Per protocol' },
      reasons: { could_not_be_contacted: 'could not be contacted', moved: 'moved', too_unwell: 'too unwell', withdrew: 'withdrew', died: 'died', other: 'other reason', unknown: 'unknown reason', not_recorded: 'not recorded', no_row: 'no record' },
      multiplicity: {
        'fixed-sequence': 'fixed sequence',
        'holm, gated by primary': 'Holm, only if the primary outcome is significant',
        'none (unadjusted, exploratory)': 'none (exploratory)',
        holm: 'Holm',
        hochberg: 'Hochberg',
        bonferroni: 'Bonferroni',
      },
      dfMethods: { 'Barnard-Rubin': 'Barnard–Rubin', 'barnard-rubin': 'Barnard–Rubin', residual: 'residual', 'Welch–Satterthwaite': 'Welch–Satterthwaite', satterthwaite: 'Satterthwaite', 'kenward-roger': 'Kenward–Roger' },
    },
  ),
  primaryShort: e('primær', 'primary'),

  estimandText: e<{ readonly intercurrentEvents: Table; readonly missingData: Table; readonly summaryMeasure: Table; readonly model: Table }>(
    {
      intercurrentEvents: { itt: 'Behandlingspolitik: analyseret i den tildelte gruppe uanset fremmøde' },
      missingData: {
        ancova: 'Kun deltagere med effektmålet målt ved målingen; gyldigt, hvis data mangler tilfældigt givet baselineværdi, stratum og gruppe (MAR). Manglende baselineværdier erstattes med gennemsnittet.',
        'complete-case': 'Kun deltagere med både baselineværdi og effektmål målt (komplette observationer).',
        'per-protocol': 'Blandt de medtagne kun deltagere med effektmålet målt ved målingen (MAR).',
        welch: 'Kun deltagere med effektmålet målt ved målingen; ingen justering.',
        mmrm: 'Alle observerede målinger efter baseline indgår (likelihood-baseret); gyldigt, hvis data mangler tilfældigt givet gruppe, baselineværdi, stratum og de øvrige målinger (MAR).',
        'mi-ancova': 'Alle randomiserede: manglende værdier erstattet ved multipel imputation under MAR og samlet med Rubins regler.',
      },
      summaryMeasure: {
        ancova: 'Forskel i justeret gennemsnit (indsats − kontrol), justeret for baselineværdi og stratifikationsfaktorer',
        'complete-case': 'Forskel i justeret gennemsnit (indsats − kontrol), justeret for baselineværdi og stratifikationsfaktorer',
        'per-protocol': 'Forskel i justeret gennemsnit (indsats − kontrol), justeret for baselineværdi og stratifikationsfaktorer',
        welch: 'Forskel i gennemsnit (indsats − kontrol), ujusteret',
        mmrm: 'Forskel i justeret gennemsnit ved målingen fra en blandet model for gentagne målinger',
        'mi-ancova': 'Forskel i justeret gennemsnit som i den primære analyse, samlet over de imputerede datasæt',
      },
      model: {
        ancova: 'Lineær model (ANCOVA)',
        'complete-case': 'Lineær model (ANCOVA)',
        'per-protocol': 'Lineær model (ANCOVA)',
        'mi-ancova': 'Lineær model (ANCOVA) på hvert imputeret datasæt',
        mmrm: 'Blandet model for gentagne målinger (MMRM), ustruktureret kovarians, hvert led også × måling',
        welch: "Welchs t-test (ujusteret)",
      },
    },
    {
      intercurrentEvents: { itt: 'Treatment policy: analysed in the allocated group whatever the attendance' },
      missingData: {
        ancova: 'Only participants with the outcome measured at the visit; valid if data are missing at random given baseline value, stratum and group (MAR). Missing baseline values are replaced by the mean.',
        'complete-case': 'Only participants with both the baseline value and the outcome measured (complete cases).',
        'per-protocol': 'Among those kept, only participants with the outcome measured at the visit (MAR).',
        welch: 'Only participants with the outcome measured at the visit; no adjustment.',
        mmrm: 'Every observed value after baseline is used (likelihood-based); valid if data are missing at random given group, baseline value, stratum and the other visits (MAR).',
        'mi-ancova': "All randomised: missing values multiply imputed under MAR and pooled by Rubin's rules.",
      },
      summaryMeasure: {
        ancova: 'Difference in adjusted means (intervention − control), adjusted for baseline value and stratification factors',
        'complete-case': 'Difference in adjusted means (intervention − control), adjusted for baseline value and stratification factors',
        'per-protocol': 'Difference in adjusted means (intervention − control), adjusted for baseline value and stratification factors',
        welch: 'Difference in means (intervention − control), unadjusted',
        mmrm: 'Difference in adjusted means at the visit from a mixed model for repeated measures',
        'mi-ancova': 'Difference in adjusted means as in the primary analysis, pooled over the imputed datasets',
      },
      model: {
        ancova: 'Linear model (ANCOVA)',
        'complete-case': 'Linear model (ANCOVA)',
        'per-protocol': 'Linear model (ANCOVA)',
        'mi-ancova': 'Linear model (ANCOVA) on each imputed dataset',
        mmrm: 'Mixed model for repeated measures (MMRM), unstructured covariance, each term also × visit',
        welch: "Welch's t-test (unadjusted)",
      },
    },
  ),
  /**
   * A time-to-event row's missing data (analysis/run/time-to-event.ts writes the English, which
   * the English side repeats word for word); the Danish report had printed the English "(kun på engelsk)".
   */
  timeToEventMissing: e(
    'deltagere uden en opfølgningstid er udeladt (talt i results.timeToEvent); censurering antages ikke-informativ givet arm og strata',
    timeToEventMissingData,
  ),
  /**
   * The estimand words for a model the catalogue's fixed texts do not describe (no strata, or
   * adjustment covariates), built from its parts: what it adjusts for, what MAR is given.
   */
  adjustedMeansFor: e((terms: string) => `Forskel i justeret gennemsnit (indsats − kontrol), justeret for ${terms}`, (terms) => `Difference in adjusted means (intervention − control), adjusted for ${terms}`),
  observedMarGiven: e(
    (given: string) => `Kun deltagere med effektmålet målt ved målingen; gyldigt, hvis data mangler tilfældigt givet ${given} (MAR). Manglende baselineværdier erstattes med gennemsnittet.`,
    (given) => `Only participants with the outcome measured at the visit; valid if data are missing at random given ${given} (MAR). Missing baseline values are replaced by the mean.`,
  ),
  likelihoodMarGiven: e(
    (given: string) => `Alle observerede målinger efter baseline indgår (likelihood-baseret); gyldigt, hvis data mangler tilfældigt givet ${given} (MAR).`,
    (given) => `Every observed value after baseline is used (likelihood-based); valid if data are missing at random given ${given} (MAR).`,
  ),
  stratificationFactors: e('stratifikationsfaktorer', 'stratification factors'),
  stratumWord: e('stratum', 'stratum'),
  covariatesNamed: e((names: string) => `kovariater (${names})`, (names) => `covariates (${names})`),
  otherVisits: e('de øvrige målinger', 'the other visits'),
  missingShort: t(
    { ancova: 'observerede værdier (MAR)', 'complete-case': 'komplette observationer', mmrm: 'alle observerede målinger (MAR)', 'mi-ancova': 'multipel imputation (MAR)', 'per-protocol': 'observerede værdier blandt de medtagne', welch: 'observerede værdier, ujusteret' },
    { ancova: 'observed values (MAR)', 'complete-case': 'complete cases', mmrm: 'all observed visits (MAR)', 'mi-ancova': 'multiple imputation (MAR)', 'per-protocol': 'observed values among those kept', welch: 'observed values, unadjusted' },
  ),

  abbreviationsTitle: e('Forkortelser', 'Abbreviations'),
  abbreviationsIntro: e('Forkortelser og fagudtryk, der bruges i rapporten.', 'Abbreviations and technical terms used in the report.'),
  abbreviationsCaption: e('Forkortelser', 'Abbreviations'),
  abbreviationLabel: e('Forkortelse', 'Abbreviation'),
  meaningLabel: e('Betydning', 'Meaning'),
  abbreviations: t(
    {
      ANCOVA: 'kovariansanalyse: en lineær model, der sammenligner grupperne justeret for baselineværdien',
      'ICH E9(R1)': 'international vejledning om estimander og følsomhedsanalyser i kliniske forsøg',
      CONSORT: 'retningslinje for afrapportering af randomiserede forsøg (Consolidated Standards of Reporting Trials)',
      ITT: 'intention to treat: alle randomiserede analyseres i den gruppe, de blev tildelt',
      KI: 'konfidensinterval',
      MAR: 'tilfældigt manglende data (missing at random): at data mangler, afhænger kun af det observerede',
      MI: 'multipel imputation: manglende værdier erstattes mange gange med sandsynlige værdier, og resultaterne samles',
      MMRM: 'blandet model for gentagne målinger (mixed model for repeated measures)',
      NNT: 'antal, der skal have indsatsen, for at én mere opnår effekten (number needed to treat); NNTB ved gavn, NNTH ved skade',
      PSA: 'probabilistisk følsomhedsanalyse: økonomien regnet mange gange med usikre forudsætninger trukket tilfældigt',
      SD: 'standardafvigelse',
      'SHA-256': 'fingeraftryk af en fil; ændres filen, ændres fingeraftrykket',
      SØM: 'Socialøkonomisk Investeringsmodel (Social- og Boligstyrelsen)',
      'Cohens d': 'standardiseret forskel: forskellen delt med standardafvigelsen',
      p: 'p-værdi: sandsynligheden for en mindst lige så stor forskel, hvis indsatsen ingen effekt havde',
      α: 'signifikansniveau',
    },
    {
      ANCOVA: 'analysis of covariance: a linear model comparing the groups adjusted for the baseline value',
      'ICH E9(R1)': 'international guideline on estimands and sensitivity analysis in clinical trials',
      CONSORT: 'Consolidated Standards of Reporting Trials',
      ITT: 'intention to treat: everyone randomised is analysed in the group they were allocated to',
      CI: 'confidence interval',
      MAR: 'missing at random: whether a value is missing depends only on what was observed',
      MI: 'multiple imputation: missing values are replaced many times by plausible values and the results pooled',
      MMRM: 'mixed model for repeated measures',
      NNT: 'number needed to treat for one more person to achieve the effect; NNTB for benefit, NNTH for harm',
      PSA: 'probabilistic sensitivity analysis: the economics computed many times with uncertain assumptions drawn at random',
      SD: 'standard deviation',
      'SHA-256': "a file's fingerprint; if the file changes, so does the fingerprint",
      SØM: 'the Danish socio-economic investment model (Social- og Boligstyrelsen)',
      "Cohen's d": 'standardised difference: the difference divided by the standard deviation',
      p: 'p-value: the probability of a difference at least this large if the intervention had no effect',
      α: 'significance level',
    },
  ),
  /** Abbreviations that belong to the economics (left out of a report without them). */
  economicsAbbreviations: e<readonly string[]>(['PSA', 'SØM'], ['PSA', 'SØM']),

  checklistTopics: t(
    {
      '1a': 'Angivet som randomiseret forsøg', '1b': 'Struktureret sammenfatning', '2': 'Registrering i forsøgsregister', '3': 'Adgang til protokol og analyseplan', '4': 'Adgang til data og kode', '5a': 'Finansiering og finansiørers rolle', '5b': 'Interessekonflikter', '6': 'Baggrund og rationale', '7': 'Formål (gavn og skade)', '8': 'Inddragelse af borgere og patienter', '9': 'Design, fordeling og ramme', '10': 'Ændringer efter start', '11': 'Sted og lokaliteter', '12a': 'Hvem kunne deltage', '12b': 'Krav til steder og udøvere', '13': 'Indsats og sammenligning', '14': 'Effektmål og tidspunkter', '15': 'Hvordan skadevirkninger blev opgjort', '16a': 'Stikprøvestørrelse', '16b': 'Mellemanalyser og stopregler', '17a': 'Hvordan tildelingsrækkefølgen blev lavet', '17b': 'Type randomisering og begrænsninger', '18': 'Skjult tildeling', '19': 'Hvem rekrutterede og tildelte', '20a': 'Hvem var blindet', '20b': 'Hvordan blinding blev opnået', '21a': 'Statistiske metoder', '21b': 'Hvem indgår i hver analyse', '21c': 'Håndtering af manglende data', '21d': 'Øvrige analyser', '22a': 'Deltagerforløb', '22b': 'Frafald og udelukkelser med årsager', '23a': 'Datoer for rekruttering og opfølgning', '23b': 'Hvorfor forsøget sluttede', '24a': 'Indsatsen, som den blev givet', '24b': 'Anden behandling undervejs', '25': 'Karakteristika ved baseline', '26': 'Antal analyseret, resultater og estimater', '27': 'Skadevirkninger', '28': 'Øvrige analyser (undergrupper, følsomhed)', '29': 'Fortolkning', '30': 'Begrænsninger',
    },
    {
      '1a': 'Identified as a randomised trial', '1b': 'Structured summary', '2': 'Trial registration', '3': 'Access to protocol and analysis plan', '4': 'Access to data and code', '5a': "Funding and funders' role", '5b': 'Conflicts of interest', '6': 'Background and rationale', '7': 'Objectives (benefits and harms)', '8': 'Patient and public involvement', '9': 'Design, allocation ratio and framework', '10': 'Changes after the trial began', '11': 'Settings and locations', '12a': 'Eligibility of participants', '12b': 'Eligibility of sites and providers', '13': 'Intervention and comparator', '14': 'Outcomes and time points', '15': 'How harms were assessed', '16a': 'Sample size', '16b': 'Interim analyses and stopping rules', '17a': 'How the allocation sequence was generated', '17b': 'Type of randomisation and restrictions', '18': 'Allocation concealment', '19': 'Who enrolled and assigned', '20a': 'Who was blinded', '20b': 'How blinding was achieved', '21a': 'Statistical methods', '21b': 'Who is in each analysis', '21c': 'Handling of missing data', '21d': 'Additional analyses', '22a': 'Participant flow', '22b': 'Losses and exclusions with reasons', '23a': 'Dates of recruitment and follow-up', '23b': 'Why the trial ended', '24a': 'Intervention as delivered', '24b': 'Concomitant care', '25': 'Baseline characteristics', '26': 'Numbers analysed, outcomes and estimation', '27': 'Harms', '28': 'Ancillary analyses (subgroups, sensitivity)', '29': 'Interpretation', '30': 'Limitations',
    },
  ),
  checklistPartly: t(
    {
      '1a': 'designet er ikke beskrevet i forsøgsspecifikationen',
      '2': 'registeret og adressen er ikke angivet',
      '4': 'datafil og fingeraftryk er angivet; adgang til data og kode er ikke',
      '13': 'kun den ene af indsats og sammenligning er beskrevet',
      '15': 'skadevirkningerne er afrapporteret; hvordan de blev opgjort, er ikke angivet',
      '16a': 'den planlagte størrelse er angivet; beregningen bag er ikke',
      '24a': 'om indsatsen blev modtaget, som registreret; levering og kvalitet findes ikke i data',
    },
    {
      '1a': 'the design is not described in the trial specification',
      '2': 'the registry and its address are not given',
      '4': 'the data file and its fingerprint are given; access to data and code is not',
      '13': 'only one of intervention and comparator is described',
      '15': 'harms are reported; how they were assessed is not given',
      '16a': 'the planned size is given; the calculation behind it is not',
      '24a': 'receipt of the intervention as recorded; delivery and fidelity are not in the data',
    },
  ),
} as const;
