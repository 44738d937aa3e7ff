package io.kiban.governance.classification;

import java.util.List;

/**
 * The questions of the EU AI Act classification (Regulation (EU) 2024/1689), version 1. Question
 * texts are Kiban's own short paraphrases; the ids of the options are stable data.
 */
public final class EuAiActQuestionnaire {

  public static final String VERSION = "eu-ai-act-2024-1689/v1";

  /** Kinds of answers. */
  public enum Kind {
    YES_NO,
    CHOOSE_MANY
  }

  /** An option of a choose-many question, with its legal reference. */
  public record Option(String id, String reference, String ja, String en) {}

  /** A question; {@code askedWhen} explains when the procedure needs it. */
  public record Question(
      String id, Kind kind, String ja, String en, List<Option> options, String askedWhen) {}

  public static final List<Option> PROHIBITED =
      List.of(
          new Option(
              "subliminal_manipulation",
              "Art. 5(1)(a)",
              "潜在意識への働きかけや欺瞞的手法による行動の歪曲で重大な損害を与えるもの",
              "Subliminal, manipulative or deceptive techniques that distort behaviour and cause significant harm"),
          new Option(
              "exploiting_vulnerabilities",
              "Art. 5(1)(b)",
              "年齢・障害・社会的経済的状況に起因する脆弱性の悪用",
              "Exploiting vulnerabilities due to age, disability or social or economic situation"),
          new Option(
              "social_scoring",
              "Art. 5(1)(c)",
              "社会的行動や人格特性に基づく社会的スコアリングによる不利益な取扱い",
              "Social scoring leading to detrimental or unfavourable treatment"),
          new Option(
              "criminal_risk_profiling",
              "Art. 5(1)(d)",
              "プロファイリングのみに基づく犯罪リスク予測",
              "Predicting the risk of a person committing a crime based solely on profiling or personality traits"),
          new Option(
              "untargeted_face_scraping",
              "Art. 5(1)(e)",
              "インターネットや監視カメラ映像からの無差別な顔画像収集による顔認識データベースの作成",
              "Building facial recognition databases by untargeted scraping of the internet or CCTV footage"),
          new Option(
              "emotion_recognition_work_education",
              "Art. 5(1)(f)",
              "職場・教育機関における感情推定 (医療・安全目的を除く)",
              "Emotion recognition in the workplace or education, except for medical or safety reasons"),
          new Option(
              "biometric_categorisation_sensitive",
              "Art. 5(1)(g)",
              "生体情報による人種・政治的意見・信条・性的指向等の推定分類",
              "Biometric categorisation inferring race, political opinions, union membership, religion, sex life or sexual orientation"),
          new Option(
              "realtime_remote_biometric_identification",
              "Art. 5(1)(h)",
              "法執行目的で公共空間におけるリアルタイム遠隔生体識別",
              "Real-time remote biometric identification in publicly accessible spaces for law enforcement"));

  public static final List<Option> ANNEX_III =
      List.of(
          new Option("1a", "Annex III 1(a)", "遠隔生体識別", "Remote biometric identification"),
          new Option(
              "1b",
              "Annex III 1(b)",
              "機微な属性に基づく生体分類",
              "Biometric categorisation by sensitive attributes"),
          new Option("1c", "Annex III 1(c)", "感情認識", "Emotion recognition"),
          new Option(
              "2", "Annex III 2", "重要インフラの安全構成要素", "Safety components of critical infrastructure"),
          new Option(
              "3a",
              "Annex III 3(a)",
              "教育機関への入学・配属の決定",
              "Access or admission to education and vocational training"),
          new Option("3b", "Annex III 3(b)", "学習成果の評価", "Evaluating learning outcomes"),
          new Option(
              "3c",
              "Annex III 3(c)",
              "受けるべき教育水準の評価",
              "Assessing the appropriate level of education"),
          new Option(
              "3d",
              "Annex III 3(d)",
              "試験中の禁止行為の監視",
              "Monitoring prohibited behaviour during tests"),
          new Option(
              "4a",
              "Annex III 4(a)",
              "採用・選考 (求人広告の配信、応募の選別、候補者評価)",
              "Recruitment and selection (targeted job ads, filtering applications, evaluating candidates)"),
          new Option(
              "4b",
              "Annex III 4(b)",
              "労働条件・昇進・解雇・業務配分・評価に関する決定",
              "Decisions on terms of work, promotion, termination, task allocation, monitoring and evaluation"),
          new Option(
              "5a",
              "Annex III 5(a)",
              "公的給付・サービスの受給資格の評価",
              "Eligibility for essential public benefits and services"),
          new Option(
              "5b",
              "Annex III 5(b)",
              "自然人の信用力評価・信用スコア (不正検知を除く)",
              "Creditworthiness or credit scores of natural persons (not fraud detection)"),
          new Option(
              "5c",
              "Annex III 5(c)",
              "生命保険・健康保険のリスク評価と価格設定",
              "Risk assessment and pricing in life and health insurance"),
          new Option(
              "5d",
              "Annex III 5(d)",
              "緊急通報の評価・分類、救急対応の優先順位付け",
              "Evaluating and classifying emergency calls, dispatch and triage"),
          new Option("6", "Annex III 6", "法執行", "Law enforcement"),
          new Option("7", "Annex III 7", "移民・難民・国境管理", "Migration, asylum and border control"),
          new Option("8a", "Annex III 8(a)", "司法の運営への支援", "Administration of justice"),
          new Option(
              "8b", "Annex III 8(b)", "選挙・投票行動への影響", "Influencing elections or voting behaviour"));

  public static final List<Option> DEROGATION =
      List.of(
          new Option(
              "narrow_procedural_task",
              "Art. 6(3)(a)",
              "限定的な手続的作業を行うもの",
              "Performs a narrow procedural task"),
          new Option(
              "improves_prior_human_activity",
              "Art. 6(3)(b)",
              "先行する人の作業結果を改善するもの",
              "Improves the result of a previously completed human activity"),
          new Option(
              "detects_patterns_without_replacing",
              "Art. 6(3)(c)",
              "人の評価を置き換えず、判断パターンからの逸脱を検出するもの",
              "Detects decision-making patterns or deviations without replacing or influencing the human assessment"),
          new Option(
              "preparatory_task",
              "Art. 6(3)(d)",
              "評価のための準備作業を行うもの",
              "Performs a preparatory task to an assessment"));

  public static final List<Option> TRANSPARENCY =
      List.of(
          new Option(
              "interacts_with_people",
              "Art. 50(1)",
              "人と直接対話する (チャットボット等)",
              "Interacts directly with natural persons (e.g. chatbots)"),
          new Option(
              "generates_synthetic_content",
              "Art. 50(2)",
              "音声・画像・動画・テキストの合成コンテンツを生成する",
              "Generates synthetic audio, image, video or text"),
          new Option(
              "emotion_or_biometric_categorisation",
              "Art. 50(3)",
              "感情認識または生体分類を行う",
              "Performs emotion recognition or biometric categorisation"),
          new Option(
              "deep_fake", "Art. 50(4)", "ディープフェイクを生成・操作する", "Generates or manipulates deep fakes"),
          new Option(
              "public_interest_text",
              "Art. 50(4)",
              "公共の関心事を伝えるテキストを生成する",
              "Generates text published to inform the public on matters of public interest"));

  public static final List<Question> QUESTIONS =
      List.of(
          new Question(
              "prohibited_practices",
              Kind.CHOOSE_MANY,
              "次の禁止行為のいずれかに該当しますか (該当なしは空)",
              "Does the system perform any of these prohibited practices (none: leave empty)?",
              PROHIBITED,
              "always"),
          new Question(
              "annex_i_safety_component",
              Kind.YES_NO,
              "附属書Iの製品安全法令の対象で第三者適合性評価を要する製品 (またはその安全構成要素) ですか",
              "Is it a product, or a safety component of one, under Annex I legislation that needs third-party conformity assessment?",
              List.of(),
              "when no prohibited practice"),
          new Question(
              "annex_iii_areas",
              Kind.CHOOSE_MANY,
              "附属書IIIの高リスク用途のいずれかに該当しますか",
              "Is it intended for any of these Annex III high-risk uses?",
              ANNEX_III,
              "when not high-risk through Annex I"),
          new Question(
              "profiling",
              Kind.YES_NO,
              "自然人のプロファイリングを行いますか",
              "Does it profile natural persons?",
              List.of(),
              "when an Annex III use applies"),
          new Question(
              "derogation_conditions",
              Kind.CHOOSE_MANY,
              "第6条(3)の適用除外の条件のいずれかを満たし、健康・安全・基本権に重大なリスクをもたらしませんか",
              "Does it meet an Art. 6(3) condition and pose no significant risk of harm to health, safety or fundamental rights?",
              DEROGATION,
              "when an Annex III use applies and there is no profiling"),
          new Question(
              "transparency",
              Kind.CHOOSE_MANY,
              "第50条の透明性義務の対象となる機能はどれですか",
              "Which functions bring Art. 50 transparency duties?",
              TRANSPARENCY,
              "always, unless prohibited"),
          new Question(
              "general_purpose_model",
              Kind.YES_NO,
              "汎用目的AIモデル (GPAI) を提供しますか",
              "Does the organisation provide a general-purpose AI model?",
              List.of(),
              "always"),
          new Question(
              "systemic_risk",
              Kind.YES_NO,
              "そのGPAIモデルはシステミックリスクを有しますか (第51条)",
              "Does that model have systemic risk (Art. 51)?",
              List.of(),
              "when a general-purpose model is provided"),
          new Question(
              "public_service_deployer",
              Kind.YES_NO,
              "導入者は公的機関、または公共サービスを提供する民間事業者ですか",
              "Is the deployer a public body or a private entity providing public services?",
              List.of(),
              "when high-risk and the organisation is a deployer"));

  private EuAiActQuestionnaire() {}

  public static Option option(List<Option> options, String id) {
    return options.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
  }
}
