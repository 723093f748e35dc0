//! The repository's own site — the seed CV — builds, and `/cv/` carries the seed's facts.

mod common;

use common::{Site, text_of};

/// Facts of `../shared/seed/cv.md`, as they must read on `/cv/`.
const SEED_FACTS: &[&str] = &[
    // Header
    "Fuzhao Xue",
    "+65 83434586",
    "xuefuzhao@outlook.com",
    "xuefuzhao.github.io",
    // Education
    "Doctor of Philosophy (Ph.D.) in Computer Science",
    "Jul 2021 – Dec 2024 (expected)",
    "Supervisor: Yang You",
    "Google Ph.D. Fellowship",
    "President's Graduate Fellowship",
    "AAAI 2023 Distinguished Paper Award (Co-author)",
    "Published papers at ICML, NeurIPS, ACL, AAAI, CVPR",
    "Internship at Google (Brain/DeepMind Team) and worked with Yi Tay and Mostafa Dehghani",
    "Internship at NVIDIA (GEAR Team) and worked with Linxi (Jim) Fan and Yuke Zhu",
    "Thesis: Towards Efficient Transformer Scaling",
    "Master of Engineering (M.Eng.) in Computer Science and Engineering",
    "Nanyang Technological University, Singapore",
    "Supervisors: Eng-Siong Chng and Aixin Sun",
    "Published paper at AAAI, ICML and ICASSP.",
    "Thesis: Refining latent multi-view graph for relation extraction",
    "GPA: 5.0/5.0",
    // Research interests
    "Machine Learning: Foundation Model Scaling, Conditional Computation, Adaptive Computation",
    "Natural Language Processing: Large Language Model Pre-training and Instruction Tuning",
    "High Performance Computing: Model Parallelism and Large-scale Deep Learning System for Long Sequence",
    // Highlight research, with every paper's authors and venue
    "OpenMoE: The FIRST FULLY OPEN MoE-based Decoder-only LLM Trained over Chinchilla Scaling Law.",
    "OpenMoE: An Early Effort on Open Mixture-of-Experts Language Models",
    "Fuzhao Xue, Zian Zheng, Yao Fu, Jinjie Ni, Zangwei Zheng, Wangchunshu Zhou and Yang You",
    "Token Crisis: The FIRST Project Studying Training LLM with Limited and Repeated Data",
    "To Repeat or Not To Repeat: Insights from Scaling LLM under Token-Crisis, NeurIPS 2023",
    "Fuzhao Xue, Yao Fu, Wangchunshu Zhou, Zangwei Zheng and Yang You",
    "AdaTape: Adaptive Computation Foundation Model Supporting Elastic Input Sequence and Dynamic Read&Write",
    "Adaptive Computation with Elastic Input Sequence, ICML 2023",
    "Fuzhao Xue, Valerii Likhosherstov, Anurag Arnab, Neil Houlsby, Mostafa Dehghani and Yang You",
    "Sequence Parallelism and Ring Self-Attention: The FIRST Work Trying to Solve Long Sequence Training with Distributed System Instead of Improving Attention Layer Efficiency.",
    "Sequence Parallelism: Long Sequence Training from System Perspective, ACL 2023",
    "Shenggui Li*, Fuzhao Xue*, Yongbin Li and Yang You",
    "WideNet: The SECOND Most Cited MoE-based Vision Transformer based on Google Scholar until Mar 2024",
    "Go Wider Instead of Deeper, AAAI 2022",
    "Fuzhao Xue, Ziji Shi, Futao Wei, Yong Liu and Yang You",
    "Full publication list: https://xuefuzhao.github.io/publications/",
    // Industry research experience
    "Industry Research",
    "NVIDIA (GEAR Team) Jan 2023 – Present Research Intern, Remote from Singapore",
    "In charge of multi-model foundation model scaling and robotics foundation model. Working with Linxi (Jim) Fan and Yuke Zhu.",
    "Training video foundation model for general video captioning with more high-quality data and compute.",
    "Designing robotics foundation model agent based on the general video foundation model.",
    "Google (Brain/DeepMind Team) Student Researcher, Remote from Singapore",
    "In charge of adaptive computation with adaptive model depth and elastic input sequence. Part of the work is accepted at ICML 2023. Worked with Yi Tay and Mostafa Dehghani.",
    "Implemented universal transformer and PonderNet on vision transformer based on Scenic and made vision universal transformer open source.",
    "Proposed AdaTape to achieve adaptive computation with elastic input sequence, which is a novel strategy that enables dynamic computation in neural networks via adaptive tape token. (ICML 2023)",
    // Academic research experience
    "Academic Research",
    "National University of Singapore Jul 2021 – Present Ph.D. Candidate, Singapore",
    "In charge of efficient and effective general training framework for both computer vision and natural language processing to scale transformer. Published at NeurIPS 2023, ICML 2023, ACL 2023, AAAI 2022.",
    "Studied the relationship between transformer configuration and training objectives. (ICML 2023)",
    "Proposed sequence parallelism to train transformer with longer sequence from system perspective. (ACL 2023)",
    "Proposed to go wider instead of deeper, compressing along depth by parameter sharing and scaling along width by mixture-of-experts to construct a parameter-efficient framework. (AAAI 2022)",
    "Nanyang Technological University Jul 2020 – Jun 2021 M.Eng. Student, Singapore",
    "In charge of design of improving dialogue-level relation extraction by adaptive graph pooling proposed. Published paper at AAAI 2021, ICASSP 2022.",
    "Identified indictive words using Dynamic Time Wrapping Pooling in an unsupervised manner with high accuracy.",
    "Improved the state-of-the-art of dialogue-level relation extraction by 6% on DialogRE.",
    "National University of Singapore Oct 2019 – Apr 2020 Research Intern, Singapore",
    "In charge of designing hybrid speech recognition framework with Pytorch and Kaldi. Published paper at ICML 2020.",
    "Used Pytorch underlying operations to implement acoustic models such as DNN, LSTM, SRU, RRN and RTN.",
    "Modeled relational thinking via Deep Graph Process, reducing WER by 10% relatively on Chime2&5 and SWBD.",
    // Skills
    "Programming Python, C/C++, C#, Matlab",
    "Frameworks PyTorch, JAX, TensorFlow, Keras, Theano, Scikit-learn, pandas",
    "Advanced T5x, Flaxfomer, Scenic, SeqIO, Deepspeed, Megatron, Huggingface",
    // Services
    "Conference 2024: ICLR Reviewer, ICML Reviewer, COLM Reviewer",
    "Conference 2023: EMNLP Reviewer, NeurIPs Reviewer, ACL PC Member, CVPR Reviewer",
    "Conference 2022: EMNLP Reviewer, ICML Reviewer, SIGIR PC Member",
    "Journal: TKDE Reviewer",
];

#[test]
fn cv_page_has_every_seed_fact() {
    let site = Site::example();
    site.build_ok();
    let cv = text_of(&site.out("cv/index.html"));
    let missing: Vec<&&str> = SEED_FACTS.iter().filter(|f| !cv.contains(**f)).collect();
    assert!(
        missing.is_empty(),
        "missing from /cv/: {missing:#?}\n\n/cv/ reads:\n{cv}"
    );
}

#[test]
fn example_invents_nothing() {
    let site = Site::example();
    site.build_ok();
    let cv = site.out("cv/index.html");
    // The seed gives no links, full venue names or abstracts for the papers.
    assert!(
        !cv.contains("class=\"pub-links\""),
        "links appeared that the seed does not give"
    );
    for p in [
        "xue-openmoe",
        "xue2023repeat",
        "xue2023adatape",
        "li2023sequence",
        "xue2022wider",
    ] {
        let page = site.out(&format!("publications/{p}/index.html"));
        assert!(
            !page.contains("<cite>Proceedings"),
            "{p}: an invented venue"
        );
        assert!(!page.contains("Abstract"), "{p}: an invented abstract");
    }
    // OpenMoE has no venue and no year in the seed.
    let openmoe = text_of(&site.out("publications/xue-openmoe/index.html"));
    assert!(openmoe.contains("Preprint"), "{openmoe}");
    assert!(
        !openmoe.contains("2024"),
        "the seed gives OpenMoE no year: {openmoe}"
    );
}

#[test]
fn every_page_and_file_is_written() {
    let site = Site::example();
    let run = site.build_ok();
    for f in [
        "index.html",
        "cv/index.html",
        "publications/index.html",
        "publications/xue2023adatape/index.html",
        "projects/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        ".nojekyll",
        "css/style.css",
        "favicon.svg",
    ] {
        assert!(site.path("public").join(f).is_file(), "{f} missing");
    }
    // No custom domain configured: no CNAME.
    assert!(!site.path("public/CNAME").exists());
    assert!(run.stderr.contains("Built 12 pages"), "{}", run.stderr);
}

#[test]
fn home_page_shows_profile_highlights_and_selected_papers() {
    let site = Site::example();
    site.build_ok();
    let html = site.out("index.html");
    let home = text_of(&html);
    for fact in [
        "Ph.D. Candidate, National University of Singapore",
        "Research interests",
        "Research highlights",
        "Selected publications",
        "Adaptive Computation with Elastic Input Sequence",
        "supervised by Yang You",
    ] {
        assert!(home.contains(fact), "home lacks {fact:?}");
    }
    assert!(
        html.contains("<strong class=\"owner\">Fuzhao Xue</strong>"),
        "owner not highlighted"
    );
    assert!(
        !html.contains("83434586"),
        "the phone number belongs on the CV only"
    );
}

#[test]
fn publications_are_grouped_by_year_with_legend() {
    let site = Site::example();
    site.build_ok();
    let pubs = text_of(&site.out("publications/index.html"));
    let pos = |s: &str| {
        pubs.find(s)
            .unwrap_or_else(|| panic!("{s:?} not in {pubs}"))
    };
    assert!(
        pos("Preprints") < pos("2023") && pos("2023") < pos("2022"),
        "{pubs}"
    );
    assert!(pos("OpenMoE") < pos("2023"), "{pubs}");
    assert!(pubs.contains("* Equal contribution"), "{pubs}");
}
