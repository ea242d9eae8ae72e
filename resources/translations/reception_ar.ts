<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Reception</source>
        <translation>الاستقبال</translation>
    </message>
    <message>
        <source>Reception cannot open the database</source>
        <translation>لا يستطيع الاستقبال فتح قاعدة البيانات</translation>
    </message>
    <message>
        <source>Nothing was changed. Fix the cause above, then start Reception again.</source>
        <translation>لم يتغير شيء. عالِج السبب المذكور أعلاه، ثم شغّل الاستقبال من جديد.</translation>
    </message>
    <message>
        <source>Preparing the demo gym… (first start only)</source>
        <translation>جارٍ تجهيز الجيم التجريبي… (في أول تشغيل فقط)</translation>
    </message>
    <message>
        <source>The database setting is not usable: {error}</source>
        <translation>إعداد قاعدة البيانات غير صالح: {error}</translation>
    </message>
    <message>
        <source>The database file was damaged. It was kept aside as {path} and is not used. There is no backup to restore; contact support with that file.</source>
        <translation>ملف قاعدة البيانات تالف. حُفظ جانبًا باسم {path} ولن يُستخدم. لا توجد نسخة احتياطية للاستعادة؛ تواصل مع الدعم الفني ومعك هذا الملف.</translation>
    </message>
    <message>
        <source>The database file is damaged</source>
        <translation>ملف قاعدة البيانات تالف</translation>
    </message>
    <message>
        <source>The database file was damaged. It was kept aside as {path} and is not used.

Restore the newest backup, taken {backup}?</source>
        <translation>ملف قاعدة البيانات تالف. حُفظ جانبًا باسم {path} ولن يُستخدم.

هل تستعيد أحدث نسخة احتياطية، المأخوذة في {backup}؟</translation>
    </message>
    <message>
        <source>Something went wrong while opening the database — details saved to {path}</source>
        <translation>حدث خطأ أثناء فتح قاعدة البيانات — حُفظت التفاصيل في {path}</translation>
    </message>
    <message>
        <source>The backup could not be restored</source>
        <translation>تعذّرت استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>The database was restored from {backup}.
The file it replaced was kept as {kept}.
Sign in again to continue.</source>
        <translation>استُعيدت قاعدة البيانات من {backup}.
حُفظ الملف الذي استُبدل باسم {kept}.
سجّل الدخول من جديد للمتابعة.</translation>
    </message>
    <message>
        <source>The database was restored from {backup}.
Sign in again to continue.</source>
        <translation>استُعيدت قاعدة البيانات من {backup}.
سجّل الدخول من جديد للمتابعة.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>استُعيدت النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>The turnstile is not served</source>
        <translation>البوابة غير مُشغّلة</translation>
    </message>
    <message>
        <source>{reason} The desk opens without it.</source>
        <translation>{reason} يفتح المكتب بدونها.</translation>
    </message>
    <message>
        <source>The camera setting “{camera}” does not work: {error}</source>
        <translation>إعداد الكاميرا «{camera}» لا يعمل: {error}</translation>
    </message>
    <message>
        <source>Cards cannot be read from the camera: {error}</source>
        <translation>لا يمكن قراءة البطاقات من الكاميرا: {error}</translation>
    </message>
    <message>
        <source>Member no. {number}</source>
        <translation>عضو رقم {number}</translation>
    </message>
    <message>
        <source>Member card {number}</source>
        <translation>بطاقة العضو {number}</translation>
    </message>
    <message>
        <source>Print member card</source>
        <translation>طباعة بطاقة العضو</translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;PNG image (*.png)</source>
        <translation>مستند PDF (*.pdf);;صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>Save member card</source>
        <translation>حفظ بطاقة العضو</translation>
    </message>
    <message>
        <source>Card saved to {path}.</source>
        <translation>حُفظت البطاقة في {path}.</translation>
    </message>
    <message>
        <source>Activate a subscription — {name}</source>
        <translation>تفعيل اشتراك — {name}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · member no. {number}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · عضو رقم {number}</translation>
    </message>
    <message>
        <source>{branch} (the member&apos;s home branch)</source>
        <translation>{branch} (فرع العضو الأساسي)</translation>
    </message>
    <message>
        <source>Change price (manager)…</source>
        <translation>تغيير السعر (المدير)…</translation>
    </message>
    <message>
        <source>A manager approves the price change</source>
        <translation>يوافق المدير على تغيير السعر</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>العضو:</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>الفرع:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>الخدمة:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>السعر:</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>الدفع:</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>يبدأ في:</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>تفعيل</translation>
    </message>
    <message>
        <source>Print receipt…</source>
        <translation>طباعة الإيصال…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>No services are on sale. A manager can add them to the catalogue.</source>
        <translation>لا توجد خدمات معروضة للبيع. يستطيع المدير إضافتها إلى قائمة الخدمات.</translation>
    </message>
    <message>
        <source>Valid {start} to {end} inclusive · {units}.</source>
        <translation>صالح من {start} إلى {end} شاملًا · {units}.</translation>
    </message>
    <message>
        <source>Valid {start} to {end} inclusive.</source>
        <translation>صالح من {start} إلى {end} شاملًا.</translation>
    </message>
    <message>
        <source>Already active until {end}: this sale can be a renewal from {renewal}.</source>
        <translation>الاشتراك ساري حتى {end}: يمكن أن يكون هذا البيع تجديدًا يبدأ من {renewal}.</translation>
    </message>
    <message>
        <source>Renew from {day}</source>
        <translation>تجديد من {day}</translation>
    </message>
    <message>
        <source>{service} activated for {name}. Receipt no. {number}: {amount} by {method}.</source>
        <translation>فُعّل {service} للعضو {name}. إيصال رقم {number}: {amount} عن طريق {method}.</translation>
    </message>
    <message>
        <source>Printing did not work: {error}</source>
        <translation>لم تنجح الطباعة: {error}</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>موافقة المدير</translation>
    </message>
    <message>
        <source>Manager username</source>
        <translation>اسم مستخدم المدير</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Type a manager&apos;s username and password.</source>
        <translation>اكتب اسم المستخدم وكلمة المرور لأحد المديرين.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>✔ Approved by {name}.</source>
        <translation>✔ وافق {name}.</translation>
    </message>
    <message>
        <source>A manager must approve first: their username and password, then Approve.</source>
        <translation>يجب أن يوافق المدير أولًا: اسم المستخدم وكلمة المرور، ثم «موافقة».</translation>
    </message>
    <message>
        <source>No camera is set up. Choose one in the camera list under the Scan page&apos;s picture (or in Settings), or use “Choose photo…” to pick a picture file.</source>
        <translation>لا توجد كاميرا مضبوطة. اختر واحدة من قائمة الكاميرات أسفل صورة صفحة المسح (أو من الإعدادات)، أو استخدم «اختيار صورة…» لاختيار ملف صورة.</translation>
    </message>
    <message>
        <source>Take the member&apos;s photo</source>
        <translation>التقاط صورة العضو</translation>
    </message>
    <message>
        <source>Ask the member to look at the camera, then press Capture (Space).</source>
        <translation>اطلب من العضو أن ينظر إلى الكاميرا، ثم اضغط «التقاط» (مسافة).</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>التقاط</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>The photo could not be taken: {error}</source>
        <translation>تعذّر التقاط الصورة: {error}</translation>
    </message>
    <message>
        <source>Welcome — Reception</source>
        <translation>مرحبًا — الاستقبال</translation>
    </message>
    <message>
        <source>Welcome to Reception</source>
        <translation>مرحبًا بك في برنامج الاستقبال</translation>
    </message>
    <message>
        <source>This database has no gym yet. Create your gym to start working at the desk, or open the demo gym to look around first.</source>
        <translation>لا يوجد جيم في قاعدة البيانات هذه بعد. أنشئ الجيم الخاص بك لتبدأ العمل في الاستقبال، أو افتح الجيم التجريبي لتتعرّف على البرنامج أولًا.</translation>
    </message>
    <message>
        <source>Create the gym</source>
        <translation>إنشاء الجيم</translation>
    </message>
    <message>
        <source>Just trying Reception? The demo gym lives in its own file and never mixes with your gym&apos;s data.</source>
        <translation>تجرّب البرنامج فقط؟ الجيم التجريبي في ملف مستقل ولا يختلط أبدًا ببيانات الجيم الخاص بك.</translation>
    </message>
    <message>
        <source>Open the demo gym</source>
        <translation>فتح الجيم التجريبي</translation>
    </message>
    <message>
        <source>A branch of a chain with its own server? Connect this desk to it instead.</source>
        <translation>فرع من سلسلة لها خادم خاص بها؟ اربط هذا الاستقبال بالخادم بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Connect to the chain&apos;s server…</source>
        <translation>الربط بخادم السلسلة…</translation>
    </message>
    <message>
        <source>Create your gym</source>
        <translation>أنشئ الجيم الخاص بك</translation>
    </message>
    <message>
        <source>e.g. Nasr City</source>
        <translation>مثال: مدينة نصر</translation>
    </message>
    <message>
        <source>Street, area, city</source>
        <translation>الشارع، المنطقة، المدينة</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>الاسم الأول واسم العائلة</translation>
    </message>
    <message>
        <source>e.g. owner</source>
        <translation>مثال: owner</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>%n حرف على الأقل</numerusform>
            <numerusform>حرف واحد على الأقل</numerusform>
            <numerusform>حرفان على الأقل</numerusform>
            <numerusform>%n أحرف على الأقل</numerusform>
            <numerusform>%n حرفًا على الأقل</numerusform>
            <numerusform>%n حرف على الأقل</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;First branch *</source>
        <translation>الفرع الأول *</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>المنطقة الزمنية</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>Owner&apos;s &amp;full name *</source>
        <translation>الاسم الكامل للمالك *</translation>
    </message>
    <message>
        <source>Owner&apos;s user&amp;name *</source>
        <translation>اسم مستخدم المالك *</translation>
    </message>
    <message>
        <source>&amp;Password *</source>
        <translation>كلمة المرور *</translation>
    </message>
    <message>
        <source>&amp;Confirm password *</source>
        <translation>تأكيد كلمة المرور *</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>كلمتا المرور غير متطابقتين.</translation>
    </message>
    <message>
        <source>Preparing the demo gym…</source>
        <translation>جارٍ تجهيز الجيم التجريبي…</translation>
    </message>
    <message>
        <source>Unfreeze subscription</source>
        <translation>إلغاء تجميد الاشتراك</translation>
    </message>
    <message>
        <source>Freeze subscription</source>
        <translation>تجميد الاشتراك</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> يوم</numerusform>
            <numerusform> يوم</numerusform>
            <numerusform> يوم</numerusform>
            <numerusform> أيام</numerusform>
            <numerusform> يومًا</numerusform>
            <numerusform> يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>A manager approves the freeze</source>
        <translation>يوافق المدير على التجميد</translation>
    </message>
    <message>
        <source>Unfreeze now</source>
        <translation>إلغاء التجميد الآن</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>تجميد</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>الاشتراك:</translation>
    </message>
    <message>
        <source>{service}, ends {end}</source>
        <translation>{service}، ينتهي في {end}</translation>
    </message>
    <message>
        <source>Freeze from:</source>
        <translation>التجميد من:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>لمدة:</translation>
    </message>
    <message numerus="yes">
        <source>Frozen {start} – {until} (%n day(s)).
New end date: {end} (was {was}).</source>
        <translation>
            <numerusform>مجمّد {start} – {until} (%n يوم).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
            <numerusform>مجمّد {start} – {until} (يوم واحد).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
            <numerusform>مجمّد {start} – {until} (يومان).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
            <numerusform>مجمّد {start} – {until} (%n أيام).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
            <numerusform>مجمّد {start} – {until} (%n يومًا).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
            <numerusform>مجمّد {start} – {until} (%n يوم).
تاريخ الانتهاء الجديد: {end} (كان {was}).</numerusform>
        </translation>
    </message>
    <message>
        <source>{left} of {limit} freeze days left this year.</source>
        <translation>متبقٍ {left} من {limit} يوم تجميد هذا العام.</translation>
    </message>
    <message>
        <source>This subscription is not frozen.</source>
        <translation>هذا الاشتراك غير مجمّد.</translation>
    </message>
    <message numerus="yes">
        <source>Frozen since {start}, planned until {until}.
Unfreezing today gives back %n unused day(s): the subscription then ends on {end}.</source>
        <translation>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد %n يوم غير مستخدم: وينتهي الاشتراك حينها في {end}.</numerusform>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد يومًا واحدًا غير مستخدم: وينتهي الاشتراك حينها في {end}.</numerusform>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد يومين غير مستخدمين: وينتهي الاشتراك حينها في {end}.</numerusform>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد %n أيام غير مستخدمة: وينتهي الاشتراك حينها في {end}.</numerusform>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد %n يومًا غير مستخدم: وينتهي الاشتراك حينها في {end}.</numerusform>
            <numerusform>مجمّد منذ {start}، ومخطط حتى {until}.
إلغاء التجميد اليوم يعيد %n يوم غير مستخدم: وينتهي الاشتراك حينها في {end}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Override a denial</source>
        <translation>تجاوز الرفض</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (#{number}) was denied: {reason}.&lt;br&gt;Letting them in is logged with your reason.</source>
        <translation>رُفض دخول &lt;b&gt;{name}&lt;/b&gt; (#{number}): {reason}.&lt;br&gt;السماح له بالدخول يُسجَّل مع السبب الذي تكتبه.</translation>
    </message>
    <message>
        <source>e.g. paid at the counter, renewal tomorrow</source>
        <translation>مثال: دفع عند الاستقبال، التجديد غدًا</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>A manager must approve: manager, enter your own username and password.</source>
        <translation>يجب أن يوافق المدير: أيها المدير، أدخل اسم المستخدم وكلمة المرور الخاصين بك.</translation>
    </message>
    <message>
        <source>Manager &amp;username:</source>
        <translation>اسم مستخدم المدير:</translation>
    </message>
    <message>
        <source>Manager &amp;password:</source>
        <translation>كلمة مرور المدير:</translation>
    </message>
    <message>
        <source>Let in</source>
        <translation>السماح بالدخول</translation>
    </message>
    <message>
        <source>Write the reason for the override.</source>
        <translation>اكتب سبب التجاوز.</translation>
    </message>
    <message>
        <source>A manager must enter their username and password.</source>
        <translation>يجب أن يُدخل المدير اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp *.heic);;All files (*)</source>
        <translation>الصور (*.jpg *.jpeg *.png *.bmp *.webp *.heic);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Please correct the fields marked below.</source>
        <translation>يُرجى تصحيح الحقول المحددة أدناه.</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>تعديل {name}</translation>
    </message>
    <message>
        <source>Register a new member</source>
        <translation>تسجيل عضو جديد</translation>
    </message>
    <message>
        <source>Yes, they share this phone — save</source>
        <translation>نعم، يتشاركان هذا الهاتف — احفظ</translation>
    </message>
    <message>
        <source>Change the phone</source>
        <translation>تغيير الهاتف</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>حفظ التغييرات</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>تسجيل</translation>
    </message>
    <message>
        <source>Choose the member&apos;s photo</source>
        <translation>اختيار صورة العضو</translation>
    </message>
    <message>
        <source>Registered: {name}</source>
        <translation>تم التسجيل: {name}</translation>
    </message>
    <message>
        <source>{name} (member no. {number})</source>
        <translation>{name} (عضو رقم {number})</translation>
    </message>
    <message>
        <source>This phone number already belongs to:
{lines}
Families often share a phone. Save this member with the same phone?</source>
        <translation>رقم الهاتف هذا مسجّل بالفعل لـ:
{lines}
كثيرًا ما تتشارك الأسر هاتفًا واحدًا. هل تحفظ هذا العضو بالهاتف نفسه؟</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>underweight</source>
        <translation>نقص في الوزن</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>طبيعي</translation>
    </message>
    <message>
        <source>overweight</source>
        <translation>زيادة في الوزن</translation>
    </message>
    <message>
        <source>obese</source>
        <translation>سمنة</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>غير مُدخل</translation>
    </message>
    <message>
        <source>e.g. 175</source>
        <translation>مثال: 175</translation>
    </message>
    <message>
        <source>e.g. 72.5</source>
        <translation>مثال: 72.5</translation>
    </message>
    <message>
        <source>BMI: —</source>
        <translation>مؤشر كتلة الجسم: —</translation>
    </message>
    <message>
        <source>Injuries, conditions the coach should know</source>
        <translation>الإصابات والحالات الصحية التي يجب أن يعرفها المدرب</translation>
    </message>
    <message>
        <source>Shown to the desk on every scan</source>
        <translation>تظهر للاستقبال عند كل مسح</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>لا توجد صورة</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>اختيار صورة…</translation>
    </message>
    <message>
        <source>Take photo…</source>
        <translation>التقاط صورة…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>إزالة الصورة</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>الاسم الكامل *</translation>
    </message>
    <message>
        <source>Phone *</source>
        <translation>الهاتف *</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>National ID</source>
        <translation>الرقم القومي</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>الطول (سم)</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>الوزن (كجم)</translation>
    </message>
    <message>
        <source>Health notes</source>
        <translation>ملاحظات صحية</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>الصورة</translation>
    </message>
    <message>
        <source>BMI: {value} ({words})</source>
        <translation>مؤشر كتلة الجسم: {value} ({words})</translation>
    </message>
    <message>
        <source>Temporary password for the member app</source>
        <translation>كلمة مرور مؤقتة لتطبيق الأعضاء</translation>
    </message>
    <message>
        <source>Give it to the member; they change it at first login.</source>
        <translation>أعطها للعضو؛ وسيغيّرها عند أول تسجيل دخول.</translation>
    </message>
    <message>
        <source>Print card…</source>
        <translation>طباعة البطاقة…</translation>
    </message>
    <message>
        <source>Save card…</source>
        <translation>حفظ البطاقة…</translation>
    </message>
    <message>
        <source>Activate subscription…</source>
        <translation>تفعيل اشتراك…</translation>
    </message>
    <message>
        <source>✔ {name} is registered as member no. {number}.</source>
        <translation>✔ سُجّل {name} عضوًا برقم {number}.</translation>
    </message>
    <message>
        <source>Reverse a check-in</source>
        <translation>عكس تسجيل حضور</translation>
    </message>
    <message>
        <source>Reverse {name}&apos;s check-in at {time} on {day}? One session goes back to the member&apos;s pack.
The visit stays in the history, marked reversed.</source>
        <translation>هل تعكس تسجيل حضور {name} الساعة {time} يوم {day}؟ تعود حصة واحدة إلى باقة العضو.
تبقى الزيارة في السجل مع علامة «معكوس».</translation>
    </message>
    <message>
        <source>Reverse {name}&apos;s check-in at {time} on {day}?
The visit stays in the history, marked reversed.</source>
        <translation>هل تعكس تسجيل حضور {name} الساعة {time} يوم {day}؟
تبقى الزيارة في السجل مع علامة «معكوس».</translation>
    </message>
    <message>
        <source>Why? e.g. scanned the wrong card</source>
        <translation>لماذا؟ مثال: مُسحت بطاقة خاطئة</translation>
    </message>
    <message numerus="yes">
        <source>A manager approves (another person&apos;s check-in, or more than %n minute(s) ago)</source>
        <translation>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من %n دقيقة)</numerusform>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من دقيقة واحدة)</numerusform>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من دقيقتين)</numerusform>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من %n دقائق)</numerusform>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من %n دقيقة)</numerusform>
            <numerusform>يوافق المدير (تسجيل حضور سجّله شخص آخر، أو مضى عليه أكثر من %n دقيقة)</numerusform>
        </translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>عكس</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>Write why this check-in is reversed.</source>
        <translation>اكتب سبب عكس تسجيل الحضور هذا.</translation>
    </message>
    <message>
        <source>Automatic (best available)</source>
        <translation>تلقائي (الأفضل المتاح)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <source>&amp;Scanning</source>
        <translation>المسح</translation>
    </message>
    <message>
        <source>D&amp;esk</source>
        <translation>الاستقبال</translation>
    </message>
    <message>
        <source>&amp;Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>This session uses the database given by the --db option; what you save here applies when it is not given.</source>
        <translation>هذا التشغيل يستخدم قاعدة البيانات المحددة بالخيار ‎--db‎؛ ما تحفظه هنا يُطبَّق عندما لا يُحدَّد.</translation>
    </message>
    <message>
        <source>This session uses the database given by the RECEPTION_DB variable; what you save here applies when it is not given.</source>
        <translation>هذا التشغيل يستخدم قاعدة البيانات المحددة بالمتغير RECEPTION_DB؛ ما تحفظه هنا يُطبَّق عندما لا يُحدَّد.</translation>
    </message>
    <message>
        <source>Sign in to see this branch&apos;s rules.</source>
        <translation>سجّل الدخول لترى قواعد هذا الفرع.</translation>
    </message>
    <message>
        <source>For members of other branches scanned at {branch}.</source>
        <translation>لأعضاء الفروع الأخرى عند مسحهم في {branch}.</translation>
    </message>
    <message>
        <source>For members of other branches scanned at {branch}. A manager can change this.</source>
        <translation>لأعضاء الفروع الأخرى عند مسحهم في {branch}. يستطيع المدير تغيير ذلك.</translation>
    </message>
    <message>
        <source>A database on a server is backed up on the server (pg_dump), not by the desk.</source>
        <translation>قاعدة البيانات الموجودة على خادم تُنسخ احتياطيًا على الخادم (pg_dump)، وليس من الاستقبال.</translation>
    </message>
    <message>
        <source>No backups yet. Reception makes one each day in {folder}.</source>
        <translation>لا توجد نسخ احتياطية بعد. يأخذ البرنامج نسخة كل يوم في {folder}.</translation>
    </message>
    <message>
        <source>A manager can restore a backup.</source>
        <translation>يستطيع المدير استعادة نسخة احتياطية.</translation>
    </message>
    <message>
        <source>Restoring replaces the database with the chosen backup; everything entered after it is gone from this desk. The current file is kept aside.</source>
        <translation>الاستعادة تستبدل قاعدة البيانات بالنسخة الاحتياطية المختارة؛ وكل ما أُدخل بعدها يضيع من هذا الجهاز. يُحفظ الملف الحالي جانبًا.</translation>
    </message>
    <message>
        <source>Cameras found: {cameras}.</source>
        <translation>الكاميرات الموجودة: {cameras}.</translation>
    </message>
    <message>
        <source>No camera found on this computer.</source>
        <translation>لم يُعثر على كاميرا في هذا الكمبيوتر.</translation>
    </message>
    <message>
        <source>Could not look for cameras: {error}</source>
        <translation>تعذّر البحث عن الكاميرات: {error}</translation>
    </message>
    <message>
        <source>Connected. Save, and the desk works from its replica of the chain&apos;s data from the next start.</source>
        <translation>تم الربط. احفظ، وسيعمل الاستقبال من نسخته من بيانات السلسلة من التشغيل التالي.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>جارٍ الاختبار…</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>ملف قاعدة البيانات</translation>
    </message>
    <message>
        <source>Reception database (*.sqlite3);;All files (*)</source>
        <translation>قاعدة بيانات الاستقبال (*.sqlite3);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, or choose a local file.</source>
        <translation>اكتب عنوان الخادم، أو اختر ملفًا محليًا.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>الاستعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Replace the database with the backup from {day}, {time}?

Everything entered after that time will be gone from this desk. The current file is kept aside.</source>
        <translation>هل تستبدل قاعدة البيانات بالنسخة الاحتياطية المأخوذة في {day}، {time}؟

كل ما أُدخل بعد هذا الوقت سيضيع من هذا الجهاز. يُحفظ الملف الحالي جانبًا.</translation>
    </message>
    <message>
        <source>Allow members of other branches</source>
        <translation>السماح لأعضاء الفروع الأخرى</translation>
    </message>
    <message>
        <source>Allow, with an amber warning</source>
        <translation>السماح مع تنبيه برتقالي</translation>
    </message>
    <message>
        <source>Deny members of other branches</source>
        <translation>رفض أعضاء الفروع الأخرى</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <source>This computer (a local file)</source>
        <translation>هذا الكمبيوتر (ملف محلي)</translation>
    </message>
    <message>
        <source>A server shared by several desks (PostgreSQL)</source>
        <translation>خادم مشترك بين عدة أجهزة استقبال (PostgreSQL)</translation>
    </message>
    <message>
        <source>Folder and file name of the database</source>
        <translation>المجلد واسم ملف قاعدة البيانات</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>اختبار الاتصال</translation>
    </message>
    <message>
        <source>A different database takes effect the next time Reception starts. Several desks sharing members need a server: a local file on a network folder is not safe.</source>
        <translation>قاعدة البيانات الجديدة تُطبَّق في المرة القادمة التي يبدأ فيها البرنامج. أجهزة الاستقبال المتعددة التي تتشارك الأعضاء تحتاج إلى خادم: الملف المحلي على مجلد شبكة غير آمن.</translation>
    </message>
    <message>
        <source>A branch of a chain: the desk gets a file of its own with the chain&apos;s data and works from it, online or not (a manager&apos;s or the owner&apos;s sign-in).</source>
        <translation>فرع من سلسلة: يحصل الاستقبال على ملف خاص به فيه بيانات السلسلة ويعمل منه، متصلًا أو غير متصل (بتسجيل دخول مدير أو المالك).</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>جارٍ البحث عن الكاميرات…</translation>
    </message>
    <message>
        <source>&amp;Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>0, 1, … is a webcam; none turns the camera off; file:PATH replays a video or a folder.</source>
        <translation>0، 1، … كاميرا ويب؛ none يوقف الكاميرا؛ file:PATH يعيد تشغيل فيديو أو مجلد.</translation>
    </message>
    <message>
        <source>QR &amp;decoder</source>
        <translation>قارئ رمز QR</translation>
    </message>
    <message>
        <source>USB scanner &amp;prefix</source>
        <translation>بادئة قارئ USB</translation>
    </message>
    <message>
        <source>USB scanner &amp;suffix</source>
        <translation>لاحقة قارئ USB</translation>
    </message>
    <message>
        <source>Only if the scanner is set to add characters before or after each code (most send the code and Enter, and need nothing here).</source>
        <translation>فقط إذا كان القارئ مضبوطًا لإضافة حروف قبل كل رمز أو بعده (معظم القارئات ترسل الرمز ثم Enter، ولا تحتاج إلى شيء هنا).</translation>
    </message>
    <message>
        <source>Play a sound for allowed, check and denied scans</source>
        <translation>تشغيل صوت عند المسح: مسموح، انتبه، مرفوض</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>لغة الكمبيوتر</translation>
    </message>
    <message>
        <source>Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) in Arabic; typing either kind works</source>
        <translation>الأرقام العربية المشرقية (٠١٢٣٤٥٦٧٨٩) في الواجهة العربية؛ الكتابة بأي نوع من الأرقام تعمل</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>&amp;Keep daily backups for</source>
        <translation>الاحتفاظ بالنسخ الاحتياطية اليومية لمدة</translation>
    </message>
    <message>
        <source>&amp;Other branches</source>
        <translation>الفروع الأخرى</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>الاستعادة من نسخة احتياطية…</translation>
    </message>
    <message>
        <source>Backups of this desk&apos;s database, newest first:</source>
        <translation>النسخ الاحتياطية لقاعدة بيانات هذا الجهاز، الأحدث أولًا:</translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation>{day} الساعة {time}</translation>
    </message>
    <message>
        <source>&amp;Branch:</source>
        <translation>الفرع:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>اسم المستخدم:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>أدخل اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Your account is not linked to a branch. Ask the owner to set it.</source>
        <translation>حسابك غير مرتبط بفرع. اطلب من المالك تحديده.</translation>
    </message>
    <message>
        <source>Open this branch</source>
        <translation>فتح هذا الفرع</translation>
    </message>
    <message>
        <source>{title} — Reception</source>
        <translation>{title} — الاستقبال</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>المسح</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>الأعضاء</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>الحضور</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>سجل الدخول</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>{page} ({keys})</source>
        <translation>{page} ({keys})</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>الاستقبال</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>تبديل المستخدم…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>قفل</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>الإعدادات…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>انتقال</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>المظهر الداكن</translation>
    </message>
    <message>
        <source>&amp;Sounds</source>
        <translation>الأصوات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>&amp;About Reception</source>
        <translation>عن البرنامج</translation>
    </message>
    <message>
        <source>The database this desk uses: {database}</source>
        <translation>قاعدة البيانات التي يستخدمها هذا الجهاز: {database}</translation>
    </message>
    <message>
        <source>The chain&apos;s server: {server}</source>
        <translation>خادم السلسلة: {server}</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Branch: {branch}</source>
        <translation>الفرع: {branch}</translation>
    </message>
    <message>
        <source>Reception — {branch} — {name}</source>
        <translation>الاستقبال — {branch} — {name}</translation>
    </message>
    <message>
        <source>Unlock the desk to scan.</source>
        <translation>افتح قفل الاستقبال لتتمكن من المسح.</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>تبديل المستخدم</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The new language applies when the window restarts. You stay signed in.</source>
        <translation>تُطبَّق اللغة الجديدة عند إعادة تشغيل النافذة. ستبقى مسجّل الدخول.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>إعادة التشغيل الآن</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>لاحقًا</translation>
    </message>
    <message>
        <source>What is typed in these open windows will be lost:
{windows}

Restart anyway?</source>
        <translation>سيضيع ما كُتب في هذه النوافذ المفتوحة:
{windows}

هل تعيد التشغيل على أي حال؟</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <source>Restore the database from {path}?

Everything recorded after that backup is lost; the current file is kept aside. Reception closes the database, restores it and asks you to sign in again.</source>
        <translation>هل تستعيد قاعدة البيانات من {path}؟

كل ما سُجّل بعد هذه النسخة سيضيع؛ ويُحفظ الملف الحالي جانبًا. يغلق البرنامج قاعدة البيانات ويستعيدها ثم يطلب منك تسجيل الدخول من جديد.</translation>
    </message>
    <message>
        <source>development build</source>
        <translation>نسخة تطوير</translation>
    </message>
    <message>
        <source>About Reception</source>
        <translation>عن البرنامج</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Reception&lt;/h3&gt;&lt;p&gt;Front-desk software for gyms — version {number}.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;/p&gt;&lt;p&gt;Keys: Ctrl+1/2/3/4 pages · Enter check in · F6 day pass · F2 deduct · F9 override · Ctrl+L lock · Ctrl+Shift+R shift report&lt;/p&gt;</source>
        <translation>&lt;h3&gt;الاستقبال&lt;/h3&gt;&lt;p&gt;برنامج استقبال للجيم — الإصدار {number}.&lt;/p&gt;&lt;p&gt;قاعدة البيانات: {database}&lt;/p&gt;&lt;p&gt;المفاتيح: Ctrl+1/2/3/4 الصفحات · Enter تسجيل حضور · F6 تذكرة يومية · F2 خصم · F9 تجاوز · Ctrl+L قفل · Ctrl+Shift+R تقرير الوردية&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Branches and rules</source>
        <translation>الفروع والقواعد</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>السماح</translation>
    </message>
    <message>
        <source>Allow with a warning</source>
        <translation>السماح مع تنبيه</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>الرفض</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message numerus="yes">
        <source> session(s)</source>
        <translation>
            <numerusform> حصة</numerusform>
            <numerusform> حصة</numerusform>
            <numerusform> حصة</numerusform>
            <numerusform> حصص</numerusform>
            <numerusform> حصة</numerusform>
            <numerusform> حصة</numerusform>
        </translation>
    </message>
    <message>
        <source>Check in at once when a scan is allowed</source>
        <translation>تسجيل الحضور فورًا عندما يكون المسح مسموحًا</translation>
    </message>
    <message>
        <source>Desks of this branch</source>
        <translation>أجهزة الاستقبال في هذا الفرع</translation>
    </message>
    <message>
        <source>Disconnect a desk that was lost, stolen or replaced. What it sends afterwards is held for a manager as a sync issue, not applied. Connecting it again needs a manager.</source>
        <translation>ألغِ ربط جهاز استقبال فُقد أو سُرق أو استُبدل. ما يرسله بعد ذلك يُحفظ ليراجعه مدير كمشكلة مزامنة، ولا يُطبَّق. إعادة ربطه تحتاج إلى مدير.</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>جهاز الاستقبال</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>الإيصالات</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>آخر مزامنة</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>إلغاء الربط…</translation>
    </message>
    <message>
        <source>Asking the chain&apos;s server…</source>
        <translation>جارٍ سؤال خادم السلسلة…</translation>
    </message>
    <message>
        <source>{name} (this desk)</source>
        <translation>{name} (هذا الجهاز)</translation>
    </message>
    <message>
        <source>Disconnected {time}</source>
        <translation>أُلغي ربطه في {time}</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>مربوط</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Disconnect the desk</source>
        <translation>إلغاء ربط جهاز الاستقبال</translation>
    </message>
    <message>
        <source>Disconnect “{name}”? It keeps working offline, but nothing it sends is applied until a manager connects it again.</source>
        <translation>هل تلغي ربط «{name}»؟ سيواصل العمل دون اتصال، لكن لن يُطبَّق شيء مما يرسله حتى يربطه مدير من جديد.</translation>
    </message>
    <message>
        <source>“{name}” is disconnected.</source>
        <translation>أُلغي ربط «{name}».</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>العنوان:</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>المنطقة الزمنية:</translation>
    </message>
    <message>
        <source>Members of other branches:</source>
        <translation>أعضاء الفروع الأخرى:</translation>
    </message>
    <message>
        <source>Second deduction within:</source>
        <translation>الخصم الثاني خلال:</translation>
    </message>
    <message>
        <source>Warn when sessions left ≤:</source>
        <translation>التنبيه عندما تكون الحصص المتبقية ≤:</translation>
    </message>
    <message>
        <source>Warn when ending within:</source>
        <translation>التنبيه عندما ينتهي الاشتراك خلال:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>العملة:</translation>
    </message>
    <message>
        <source>Payment methods:</source>
        <translation>طرق الدفع:</translation>
    </message>
    <message>
        <source>Freeze days per year:</source>
        <translation>أيام التجميد في السنة:</translation>
    </message>
    <message>
        <source>Receptionist may reverse within:</source>
        <translation>يستطيع موظف الاستقبال العكس خلال:</translation>
    </message>
    <message>
        <source>Lock the desk after idle:</source>
        <translation>قفل الاستقبال بعد عدم النشاط لمدة:</translation>
    </message>
    <message>
        <source>New branch</source>
        <translation>فرع جديد</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>{branch} saved.</source>
        <translation>حُفظ الفرع {branch}.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>الأشهر</translation>
    </message>
    <message>
        <source>Sessions/coins</source>
        <translation>الحصص/النقاط</translation>
    </message>
    <message>
        <source>Sold?</source>
        <translation>معروض للبيع؟</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No (deactivated)</source>
        <translation>لا (موقوف)</translation>
    </message>
    <message>
        <source>Catalogue — services and prices</source>
        <translation>قائمة الخدمات — الخدمات والأسعار</translation>
    </message>
    <message>
        <source>e.g. Monthly – 1 month</source>
        <translation>مثال: شهري – شهر واحد</translation>
    </message>
    <message numerus="yes">
        <source> month(s)</source>
        <translation>
            <numerusform> شهر</numerusform>
            <numerusform> شهر</numerusform>
            <numerusform> شهر</numerusform>
            <numerusform> أشهر</numerusform>
            <numerusform> شهرًا</numerusform>
            <numerusform> شهر</numerusform>
        </translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>النوع:</translation>
    </message>
    <message>
        <source>Price ({currency}):</source>
        <translation>السعر ({currency}):</translation>
    </message>
    <message>
        <source>Duration / valid for:</source>
        <translation>المدة / صالح لمدة:</translation>
    </message>
    <message>
        <source>Sessions or coins:</source>
        <translation>الحصص أو النقاط:</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>خدمة جديدة</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Sell again</source>
        <translation>إعادة البيع</translation>
    </message>
    <message>
        <source>{service} saved at {price}.</source>
        <translation>حُفظت {service} بسعر {price}.</translation>
    </message>
    <message>
        <source>{service} is sold again.</source>
        <translation>{service} معروضة للبيع من جديد.</translation>
    </message>
    <message>
        <source>{service} is no longer sold (old subscriptions keep it).</source>
        <translation>{service} لم تعد معروضة للبيع (الاشتراكات القديمة تحتفظ بها).</translation>
    </message>
    <message>
        <source>&amp;Manage</source>
        <translation>الإدارة</translation>
    </message>
    <message>
        <source>End-of-shift &amp;report…</source>
        <translation>تقرير نهاية الوردية…</translation>
    </message>
    <message>
        <source>&amp;Catalogue and prices…</source>
        <translation>قائمة الخدمات والأسعار…</translation>
    </message>
    <message>
        <source>&amp;Staff…</source>
        <translation>الموظفون…</translation>
    </message>
    <message>
        <source>&amp;Branches and rules…</source>
        <translation>الفروع والقواعد…</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>الإيصال</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>العضو</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>الخدمة</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>طريقة الدفع</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>الفرع</translation>
    </message>
    <message>
        <source>End-of-shift report</source>
        <translation>تقرير نهاية الوردية</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>هذه الوردية</translation>
    </message>
    <message>
        <source>Since you signed in</source>
        <translation>منذ تسجيل دخولك</translation>
    </message>
    <message>
        <source>Whole day</source>
        <translation>اليوم كله</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>حفظ بصيغة PDF…</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>كل الفروع</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>جارٍ العد…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{scope}&lt;/b&gt;: &lt;b&gt;{total}&lt;/b&gt; · {counts}</source>
        <translation>&lt;b&gt;{scope}&lt;/b&gt;: &lt;b&gt;{total}&lt;/b&gt; · {counts}</translation>
    </message>
    <message>
        <source>Export shift report</source>
        <translation>تصدير تقرير الوردية</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>ملف CSV (*.csv)</translation>
    </message>
    <message>
        <source>Report exported to {path}.</source>
        <translation>صُدّر التقرير إلى {path}.</translation>
    </message>
    <message>
        <source>Save shift report</source>
        <translation>حفظ تقرير الوردية</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be saved: {error}</source>
        <translation>تعذّر حفظ الملف: {error}</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>حُفظ التقرير في {path}.</translation>
    </message>
    <message>
        <source>Report sent to the printer.</source>
        <translation>أُرسل التقرير إلى الطابعة.</translation>
    </message>
    <message>
        <source>Shift report — {scope}</source>
        <translation>تقرير الوردية — {scope}</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>من {start} إلى {end}</translation>
    </message>
    <message>
        <source>Printed by {name} at {time}</source>
        <translation>طبعه {name} في {time}</translation>
    </message>
    <message>
        <source>Total taken: {total}</source>
        <translation>إجمالي المحصَّل: {total}</translation>
    </message>
    <message>
        <source>Takings by payment method</source>
        <translation>المحصَّل حسب طريقة الدفع</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>By branch</source>
        <translation>حسب الفرع</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>المبيعات</translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation>تسجيلات الحضور</translation>
    </message>
    <message>
        <source>Reversals</source>
        <translation>عمليات العكس</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>المرفوض</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>التجاوزات</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>المدفوعات</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>بموافقة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Shift report {scope}</source>
        <translation>تقرير الوردية {scope}</translation>
    </message>
    <message>
        <source>Print shift report</source>
        <translation>طباعة تقرير الوردية</translation>
    </message>
    <message>
        <source>Connect to the chain&apos;s server</source>
        <translation>الربط بخادم السلسلة</translation>
    </message>
    <message>
        <source>A manager of this branch, or the owner, connects the desk once. The desk then works from its own copy of the chain&apos;s data, online or not, and sends its changes when it can.</source>
        <translation>يربط مدير هذا الفرع أو المالك الاستقبال مرة واحدة. بعدها يعمل الاستقبال من نسخته الخاصة من بيانات السلسلة، متصلًا أو غير متصل، ويرسل تغييراته متى استطاع.</translation>
    </message>
    <message>
        <source>e.g. {address}</source>
        <translation>مثال: {address}</translation>
    </message>
    <message>
        <source>The manager&apos;s own branch</source>
        <translation>فرع المدير نفسه</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Branch number</source>
        <translation>رقم الفرع</translation>
    </message>
    <message>
        <source>This desk&apos;s name</source>
        <translation>اسم هذا الاستقبال</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>ربط</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, a username and its password.</source>
        <translation>اكتب عنوان الخادم واسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Connecting and copying the chain&apos;s data… this takes a minute for a large gym.</source>
        <translation>جارٍ الربط ونسخ بيانات السلسلة… يستغرق ذلك دقيقة للنادي الكبير.</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>إعادة تعيين كلمة المرور</translation>
    </message>
    <message>
        <source>New password for {name} (8 characters or more):</source>
        <translation>كلمة المرور الجديدة لـ {name} (8 أحرف أو أكثر):</translation>
    </message>
    <message>
        <source>Staff</source>
        <comment>the window listing the staff</comment>
        <translation>الموظفون</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>إعادة تعيين كلمة المرور…</translation>
    </message>
    <message>
        <source>e.g. aya.n</source>
        <translation>مثال: aya.n</translation>
    </message>
    <message>
        <source>8 characters or more</source>
        <translation>8 أحرف أو أكثر</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>إضافة موظف</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>اسم المستخدم:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>الاسم الكامل:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>الدور:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>{name} can now sign in as {username}.</source>
        <translation>يستطيع {name} الآن تسجيل الدخول باسم {username}.</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>يستطيع {name} تسجيل الدخول من جديد.</translation>
    </message>
    <message>
        <source>{name} can no longer sign in.</source>
        <translation>لم يعد {name} يستطيع تسجيل الدخول.</translation>
    </message>
    <message>
        <source>Something went wrong. Details were saved to {path}.</source>
        <translation>حدث خطأ. حُفظت التفاصيل في {path}.</translation>
    </message>
    <message>
        <source>Member no</source>
        <translation>رقم العضو</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>عكس</translation>
    </message>
    <message>
        <source>Check-in + deduction (reversed)</source>
        <translation>تسجيل حضور + خصم (معكوس)</translation>
    </message>
    <message>
        <source>Check-in (reversed)</source>
        <translation>تسجيل حضور (معكوس)</translation>
    </message>
    <message>
        <source>Check-in + deduction</source>
        <translation>تسجيل حضور + خصم</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>تسجيل حضور</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>موقوف</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Filter by name or member no.</source>
        <translation>تصفية بالاسم أو رقم العضو</translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation>عكس…</translation>
    </message>
    <message>
        <source>Undo the selected mistaken check-in; the session is credited back</source>
        <translation>التراجع عن تسجيل الحضور الخاطئ المحدد؛ تُعاد الحصة إلى الرصيد</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s)</source>
        <translation>
            <numerusform>%n تسجيل حضور</numerusform>
            <numerusform>تسجيل حضور واحد</numerusform>
            <numerusform>تسجيلا حضور</numerusform>
            <numerusform>%n تسجيلات حضور</numerusform>
            <numerusform>%n تسجيل حضور</numerusform>
            <numerusform>%n تسجيل حضور</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}&apos;s check-in was reversed.</source>
        <translation>عُكس تسجيل حضور {name}.</translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation>تصدير الحضور</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) exported to {path}.</source>
        <translation>
            <numerusform>صُدّرت %n زيارة إلى {path}.</numerusform>
            <numerusform>صُدّرت زيارة واحدة إلى {path}.</numerusform>
            <numerusform>صُدّرت زيارتان إلى {path}.</numerusform>
            <numerusform>صُدّرت %n زيارات إلى {path}.</numerusform>
            <numerusform>صُدّرت %n زيارة إلى {path}.</numerusform>
            <numerusform>صُدّرت %n زيارة إلى {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shown at the member&apos;s home branch</source>
        <translation>تظهر في فرع العضو الأساسي</translation>
    </message>
    <message>
        <source>{left} of {total}</source>
        <translation>{left} من {total}</translation>
    </message>
    <message>
        <source>{status} · freeze {start} – {until}</source>
        <translation>{status} · تجميد {start} – {until}</translation>
    </message>
    <message>
        <source>⚠ Temporary password (not changed yet)</source>
        <translation>⚠ كلمة مرور مؤقتة (لم تُغيَّر بعد)</translation>
    </message>
    <message>
        <source>Tell the member to change it in the member app.</source>
        <translation>اطلب من العضو تغييرها في تطبيق الأعضاء.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Activate subscription… (Ctrl+B)</source>
        <translation>تفعيل اشتراك… (Ctrl+B)</translation>
    </message>
    <message>
        <source>Regenerate card…</source>
        <translation>إصدار بطاقة جديدة…</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>الطول</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>الوزن</translation>
    </message>
    <message>
        <source>BMI</source>
        <translation>مؤشر كتلة الجسم</translation>
    </message>
    <message>
        <source>Notes shown on scan</source>
        <translation>ملاحظات تظهر عند المسح</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>المتبقي</translation>
    </message>
    <message>
        <source>Freeze…</source>
        <translation>تجميد…</translation>
    </message>
    <message>
        <source>Unfreeze</source>
        <translation>إلغاء التجميد</translation>
    </message>
    <message>
        <source>Save receipt as PDF…</source>
        <translation>حفظ الإيصال بصيغة PDF…</translation>
    </message>
    <message>
        <source>Undo a mistaken check-in; the session is credited back</source>
        <translation>التراجع عن تسجيل حضور خاطئ؛ تُعاد الحصة إلى الرصيد</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>الاشتراكات</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>الملف الشخصي</translation>
    </message>
    <message>
        <source>Current: {service}, until {end}, {left}</source>
        <translation>الحالي: {service}، حتى {end}، {left}</translation>
    </message>
    <message>
        <source>Current: {service}, until {end}</source>
        <translation>الحالي: {service}، حتى {end}</translation>
    </message>
    <message>
        <source>No active subscription.</source>
        <translation>لا يوجد اشتراك ساري.</translation>
    </message>
    <message>
        <source>ACCOUNT DEACTIVATED</source>
        <translation>الحساب موقوف</translation>
    </message>
    <message>
        <source>{height} cm</source>
        <translation>{height} سم</translation>
    </message>
    <message>
        <source>{weight} kg</source>
        <translation>{weight} كجم</translation>
    </message>
    <message>
        <source>{service} is active again; it now ends on {end}.</source>
        <translation>{service} ساري من جديد؛ وينتهي الآن في {end}.</translation>
    </message>
    <message>
        <source>{service} frozen {start} – {until}; it now ends on {end}.</source>
        <translation>جُمّد {service} من {start} – {until}؛ وينتهي الآن في {end}.</translation>
    </message>
    <message>
        <source>Receipt {number} sent to the printer.</source>
        <translation>أُرسل الإيصال {number} إلى الطابعة.</translation>
    </message>
    <message>
        <source>Receipt {number} saved to {path}.</source>
        <translation>حُفظ الإيصال {number} في {path}.</translation>
    </message>
    <message>
        <source>the member</source>
        <translation>العضو</translation>
    </message>
    <message>
        <source>Check-in reversed; it stays in the history marked reversed.</source>
        <translation>عُكس تسجيل الحضور؛ ويبقى في السجل مع علامة «معكوس».</translation>
    </message>
    <message>
        <source>Type a name, phone, member number or scan a card</source>
        <translation>اكتب اسمًا أو هاتفًا أو رقم عضو، أو امسح بطاقة</translation>
    </message>
    <message>
        <source>{hint}   (Ctrl+F)</source>
        <translation>{hint}   (Ctrl+F)</translation>
    </message>
    <message>
        <source>Register… (Ctrl+N)</source>
        <translation>تسجيل عضو… (Ctrl+N)</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>لم يُعثر على عضو</translation>
    </message>
    <message numerus="yes">
        <source>%n+ found</source>
        <translation>
            <numerusform>عُثر على %n+</numerusform>
            <numerusform>عُثر على %n+</numerusform>
            <numerusform>عُثر على %n+</numerusform>
            <numerusform>عُثر على %n+</numerusform>
            <numerusform>عُثر على %n+</numerusform>
            <numerusform>عُثر على %n+</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>لم يُعثر على أحد</numerusform>
            <numerusform>عُثر على عضو واحد</numerusform>
            <numerusform>عُثر على عضوين</numerusform>
            <numerusform>عُثر على %n أعضاء</numerusform>
            <numerusform>عُثر على %n عضوًا</numerusform>
            <numerusform>عُثر على %n عضو</numerusform>
        </translation>
    </message>
    <message>
        <source>Regenerate card</source>
        <translation>إصدار بطاقة جديدة</translation>
    </message>
    <message>
        <source>Make a new card for {name}?

The old card stops working at once; its scans will say &quot;card replaced&quot;.</source>
        <translation>هل تُصدر بطاقة جديدة لـ {name}؟

تتوقف البطاقة القديمة عن العمل فورًا؛ وعند مسحها ستظهر «البطاقة مستبدلة».</translation>
    </message>
    <message>
        <source>New card made for {name}. The old card no longer works; print or save the new one.</source>
        <translation>صدرت بطاقة جديدة لـ {name}. البطاقة القديمة لم تعد تعمل؛ اطبع البطاقة الجديدة أو احفظها.</translation>
    </message>
    <message>
        <source>Camera off — scan with the USB scanner or type a code</source>
        <translation>الكاميرا متوقفة — امسح بقارئ USB أو اكتب رمزًا</translation>
    </message>
    <message>
        <source>Scan a card or type a name</source>
        <translation>امسح بطاقة أو اكتب اسمًا</translation>
    </message>
    <message>
        <source>Enter: look up, then check in · ↑↓ pick · F2 deduct · F3 check in only · Ctrl+B sell · F6 day pass · F9 override</source>
        <translation>Enter: بحث ثم تسجيل دخول · ↑↓ اختيار · F2 خصم · F3 دخول فقط · Ctrl+B بيع · F6 تذكرة يومية · F9 تجاوز</translation>
    </message>
    <message>
        <source>Last scans</source>
        <translation>آخر عمليات المسح</translation>
    </message>
    <message>
        <source>Day pass</source>
        <translation>تذكرة يومية</translation>
    </message>
    <message>
        <source>No member matches “{text}”. Check the spelling, or scan the card.</source>
        <translation>لا يوجد عضو يطابق «{text}». تحقق من الكتابة، أو امسح البطاقة.</translation>
    </message>
    <message numerus="yes">
        <source>%n members match “{text}”: pick one with ↑↓ and Enter, or click.</source>
        <translation>
            <numerusform>لا يوجد عضو يطابق «{text}».</numerusform>
            <numerusform>عضو واحد يطابق «{text}»: اختره بـ ↑↓ و Enter، أو انقر عليه.</numerusform>
            <numerusform>عضوان يطابقان «{text}»: اختر أحدهما بـ ↑↓ و Enter، أو انقر.</numerusform>
            <numerusform>%n أعضاء يطابقون «{text}»: اختر أحدهم بـ ↑↓ و Enter، أو انقر.</numerusform>
            <numerusform>%n عضوًا يطابقون «{text}»: اختر أحدهم بـ ↑↓ و Enter، أو انقر.</numerusform>
            <numerusform>%n عضو يطابقون «{text}»: اختر أحدهم بـ ↑↓ و Enter، أو انقر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown card</source>
        <translation>بطاقة غير معروفة</translation>
    </message>
    <message>
        <source>Day pass · valid until {time} · first use</source>
        <translation>تذكرة يومية · صالحة حتى {time} · أول استخدام</translation>
    </message>
    <message>
        <source>Sold at {time} · {amount}</source>
        <translation>بيعت الساعة {time} · {amount}</translation>
    </message>
    <message>
        <source>Sold at another desk (not synced here yet)</source>
        <translation>بيعت في مكتب آخر (لم تصل مزامنتها إلى هنا بعد)</translation>
    </message>
    <message>
        <source>Day pass used: welcome</source>
        <translation>استُخدمت التذكرة اليومية: أهلاً بك</translation>
    </message>
    <message numerus="yes">
        <source>This desk&apos;s clock is %n minute(s) off the chain&apos;s server: the pass was checked against the server&apos;s time. Set the computer&apos;s clock.</source>
        <translation>
            <numerusform>ساعة هذا المكتب مختلفة %n دقيقة عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
            <numerusform>ساعة هذا المكتب مختلفة دقيقة واحدة عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
            <numerusform>ساعة هذا المكتب مختلفة دقيقتين عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
            <numerusform>ساعة هذا المكتب مختلفة %n دقائق عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
            <numerusform>ساعة هذا المكتب مختلفة %n دقيقة عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
            <numerusform>ساعة هذا المكتب مختلفة %n دقيقة عن خادم السلسلة: فُحصت التذكرة بتوقيت الخادم. اضبط ساعة الكمبيوتر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Denied: {reason}. A manager can override (F9).</source>
        <translation>مرفوض: {reason}. يستطيع المدير التجاوز (F9).</translation>
    </message>
    <message>
        <source>{outcome}. To record a second visit: Ctrl+Enter.</source>
        <translation>{outcome}. لتسجيل زيارة ثانية: Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Save receipt as PDF</source>
        <translation>حفظ الإيصال بصيغة PDF</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>إيصال رقم</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>DAY PASS</source>
        <translation>تذكرة يومية</translation>
    </message>
    <message>
        <source>One entry, valid until</source>
        <translation>دخول واحد، صالحة حتى</translation>
    </message>
    <message>
        <source>The printer could not be opened.</source>
        <translation>تعذّر فتح الطابعة.</translation>
    </message>
    <message>
        <source>Sell a day pass</source>
        <translation>بيع تذكرة يومية</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>No day pass in the catalogue</source>
        <translation>لا توجد تذكرة يومية في قائمة الخدمات</translation>
    </message>
    <message>
        <source>Visitor&apos;s name</source>
        <translation>اسم الزائر</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>الدفع</translation>
    </message>
    <message>
        <source>Sell (Enter)</source>
        <translation>بيع (Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>A manager adds a day pass to the catalogue first (Manage → Catalogue).</source>
        <translation>يضيف المدير التذكرة اليومية إلى قائمة الخدمات أولاً (الإدارة ← الخدمات).</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>حفظ PNG…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>حفظ PDF…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Save the pass as PNG</source>
        <translation>حفظ التذكرة كصورة PNG</translation>
    </message>
    <message>
        <source>Save the pass as PDF</source>
        <translation>حفظ التذكرة كملف PDF</translation>
    </message>
    <message>
        <source>Day pass sold · receipt {number}</source>
        <translation>بيعت التذكرة اليومية · إيصال {number}</translation>
    </message>
    <message>
        <source>One entry until {time} on {day}. Photograph the code, or print or save it.</source>
        <translation>دخول واحد حتى {time} يوم {day}. صوّر الرمز أو اطبعه أو احفظه.</translation>
    </message>
    <message>
        <source>The file could not be written: choose another folder.</source>
        <translation>تعذّرت كتابة الملف: اختر مجلداً آخر.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>حُفظ {path}</translation>
    </message>
    <message>
        <source>Print the day pass</source>
        <translation>طباعة التذكرة اليومية</translation>
    </message>
    <message>
        <source>Member #{number}</source>
        <translation>عضو #{number}</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>طريقة الدفع</translation>
    </message>
    <message>
        <source>Served by {name}</source>
        <translation>الموظف: {name}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>شكرًا لك!</translation>
    </message>
    <message>
        <source>Receipt {number}</source>
        <translation>إيصال {number}</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>طباعة الإيصال</translation>
    </message>
    <message>
        <source>Videos and pictures (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>الفيديوهات والصور (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg *.png *.jpg *.jpeg);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Play a video as the camera</source>
        <translation>تشغيل فيديو بدلًا من الكاميرا</translation>
    </message>
    <message>
        <source>install libpulse0 (Debian/Ubuntu) or pulseaudio-libs (Fedora) to hear them</source>
        <translation>ثبّت libpulse0 (Debian/Ubuntu) أو pulseaudio-libs (Fedora) لسماعها</translation>
    </message>
    <message>
        <source>QtMultimedia does not load ({error}); the full PySide6 package brings it, PySide6-Essentials does not</source>
        <translation>لا تُحمَّل QtMultimedia ({error})؛ حزمة PySide6 الكاملة تتضمنها، وPySide6-Essentials لا تتضمنها</translation>
    </message>
    <message>
        <source>no audio output device (connect speakers, or start the sound server)</source>
        <translation>لا يوجد جهاز إخراج صوت (وصّل السماعات، أو شغّل خادم الصوت)</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>جارٍ تشغيل الكاميرا…</translation>
    </message>
    <message>
        <source>Camera unplugged — reconnecting…</source>
        <translation>الكاميرا مفصولة — جارٍ إعادة الاتصال…</translation>
    </message>
    <message>
        <source>The video has ended</source>
        <translation>انتهى الفيديو</translation>
    </message>
    <message>
        <source>Camera paused</source>
        <translation>الكاميرا متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>No camera found — check the cable; retrying…</source>
        <translation>لم يُعثر على كاميرا — تحقق من الكابل؛ جارٍ إعادة المحاولة…</translation>
    </message>
    <message>
        <source>Opening the video…</source>
        <translation>جارٍ فتح الفيديو…</translation>
    </message>
    <message>
        <source>{fps:.0f} fps</source>
        <translation>{fps:.0f} إطار/ث</translation>
    </message>
    <message>
        <source>The camera that reads member cards</source>
        <translation>الكاميرا التي تقرأ بطاقات الأعضاء</translation>
    </message>
    <message>
        <source>Camera {index}</source>
        <translation>الكاميرا {index}</translation>
    </message>
    <message>
        <source>Video: {value}</source>
        <translation>فيديو: {value}</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>ملف فيديو…</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>متوقفة</translation>
    </message>
    <message>
        <source>valid through</source>
        <translation>صالح حتى</translation>
    </message>
    <message>
        <source>Check in (Enter)</source>
        <translation>تسجيل حضور (Enter)</translation>
    </message>
    <message>
        <source>Deduct 1 session (F2)</source>
        <translation>خصم حصة واحدة (F2)</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>فتح الملف الشخصي</translation>
    </message>
    <message>
        <source>Override… (F9)</source>
        <translation>تجاوز… (F9)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهز</translation>
    </message>
    <message>
        <source>{result} — {reason}</source>
        <translation>{result} — {reason}</translation>
    </message>
    <message>
        <source>No member has this code.</source>
        <translation>لا يوجد عضو بهذا الرمز.</translation>
    </message>
    <message>
        <source>Member #{number} · Home branch: {branch}</source>
        <translation>عضو #{number} · الفرع الأساسي: {branch}</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>تذكرة</translation>
    </message>
    <message>
        <source>Day pass · one entry within 24 hours of its sale</source>
        <translation>تذكرة يومية · دخول واحد خلال ٢٤ ساعة من بيعها</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>صالحة حتى</translation>
    </message>
    <message>
        <source>Admit (Enter)</source>
        <translation>إدخال (Enter)</translation>
    </message>
    <message>
        <source>Second visit (Ctrl+Enter)</source>
        <translation>زيارة ثانية (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Record a second visit (Ctrl+Enter)</source>
        <translation>تسجيل زيارة ثانية (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Check in only (F3)</source>
        <translation>تسجيل حضور فقط (F3)</translation>
    </message>
    <message>
        <source>Check in without deducting (F3)</source>
        <translation>تسجيل حضور بدون خصم (F3)</translation>
    </message>
    <message>
        <source>F2 · Enter</source>
        <translation>F2 · Enter</translation>
    </message>
    <message>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>No subscription</source>
        <translation>لا يوجد اشتراك</translation>
    </message>
    <message>
        <source>{service} · {kind} · {status} · ends {day}</source>
        <translation>{service} · {kind} · {status} · ينتهي في {day}</translation>
    </message>
    <message>
        <source>No check-ins</source>
        <translation>لا توجد تسجيلات حضور</translation>
    </message>
    <message numerus="yes">
        <source>Busiest hour: {hour} (%n check-in(s))</source>
        <translation>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (%n تسجيل حضور)</numerusform>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (تسجيل حضور واحد)</numerusform>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (تسجيلا حضور)</numerusform>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (%n تسجيلات حضور)</numerusform>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (%n تسجيل حضور)</numerusform>
            <numerusform>أكثر ساعة ازدحامًا: {hour} (%n تسجيل حضور)</numerusform>
        </translation>
    </message>
    <message>
        <source>No check-ins yet</source>
        <translation>لا توجد تسجيلات حضور بعد</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>الاستقبال مقفل</translation>
    </message>
    <message>
        <source>{name} locked this desk at {branch}. Sign in to continue — the same or another staff member.</source>
        <translation>قفل {name} هذا الاستقبال في {branch}. سجّل الدخول للمتابعة — الموظف نفسه أو موظف آخر.</translation>
    </message>
    <message>
        <source>{name} — {result} at {time}</source>
        <translation>{name} — {result} الساعة {time}</translation>
    </message>
    <message>
        <source>ALLOWED</source>
        <translation>مسموح</translation>
    </message>
    <message>
        <source>CHECK</source>
        <translation>انتبه</translation>
    </message>
    <message>
        <source>DENIED</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ساري</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>مجمّد</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>ملغى</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>منتهٍ</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>شهري</translation>
    </message>
    <message>
        <source>Sessions pack</source>
        <translation>باقة حصص</translation>
    </message>
    <message>
        <source>Coins pack</source>
        <translation>باقة نقاط</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>المالك</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>مدير</translation>
    </message>
    <message>
        <source>Receptionist</source>
        <translation>موظف استقبال</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>نقدًا</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>بطاقة بنكية</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>تحويل بنكي</translation>
    </message>
    <message>
        <source>Mobile wallet</source>
        <translation>محفظة إلكترونية</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>يومية</translation>
    </message>
    <message>
        <source>before upgrade</source>
        <translation>قبل الترقية</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>نسخة</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} م.ب</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n عملية بيع</numerusform>
            <numerusform>عملية بيع واحدة</numerusform>
            <numerusform>عمليتا بيع</numerusform>
            <numerusform>%n عمليات بيع</numerusform>
            <numerusform>%n عملية بيع</numerusform>
            <numerusform>%n عملية بيع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reversal(s)</source>
        <translation>
            <numerusform>%n عملية عكس</numerusform>
            <numerusform>عملية عكس واحدة</numerusform>
            <numerusform>عمليتا عكس</numerusform>
            <numerusform>%n عمليات عكس</numerusform>
            <numerusform>%n عملية عكس</numerusform>
            <numerusform>%n عملية عكس</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n denied scan(s)</source>
        <translation>
            <numerusform>%n مسح مرفوض</numerusform>
            <numerusform>مسح مرفوض واحد</numerusform>
            <numerusform>مسحان مرفوضان</numerusform>
            <numerusform>%n عمليات مسح مرفوضة</numerusform>
            <numerusform>%n عملية مسح مرفوضة</numerusform>
            <numerusform>%n عملية مسح مرفوضة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n override(s)</source>
        <translation>
            <numerusform>%n تجاوز</numerusform>
            <numerusform>تجاوز واحد</numerusform>
            <numerusform>تجاوزان</numerusform>
            <numerusform>%n تجاوزات</numerusform>
            <numerusform>%n تجاوزًا</numerusform>
            <numerusform>%n تجاوز</numerusform>
        </translation>
    </message>
    <message>
        <source>Local file: {path}</source>
        <translation>ملف محلي: {path}</translation>
    </message>
    <message>
        <source>Server: {path}</source>
        <translation>خادم: {path}</translation>
    </message>
    <message>
        <source>Check-in time</source>
        <translation>وقت تسجيل الحضور</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>معكوس</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>Reversal time</source>
        <translation>وقت العكس</translation>
    </message>
    <message>
        <source>Override time</source>
        <translation>وقت التجاوز</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>تقرير الوردية</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Denied scans</source>
        <translation>عمليات المسح المرفوضة</translation>
    </message>
    <message numerus="yes">
        <source>%n coin(s) left</source>
        <translation>
            <numerusform>لا نقاط متبقية</numerusform>
            <numerusform>نقطة واحدة متبقية</numerusform>
            <numerusform>نقطتان متبقيتان</numerusform>
            <numerusform>%n نقاط متبقية</numerusform>
            <numerusform>%n نقطة متبقية</numerusform>
            <numerusform>%n نقطة متبقية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) left</source>
        <translation>
            <numerusform>لا أشهر متبقية</numerusform>
            <numerusform>شهر واحد متبقٍ</numerusform>
            <numerusform>شهران متبقيان</numerusform>
            <numerusform>%n أشهر متبقية</numerusform>
            <numerusform>%n شهرًا متبقيًا</numerusform>
            <numerusform>%n شهر متبقٍ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) left</source>
        <translation>
            <numerusform>لا حصص متبقية</numerusform>
            <numerusform>حصة واحدة متبقية</numerusform>
            <numerusform>حصتان متبقيتان</numerusform>
            <numerusform>%n حصص متبقية</numerusform>
            <numerusform>%n حصة متبقية</numerusform>
            <numerusform>%n حصة متبقية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>coin(s) left</source>
        <translation>
            <numerusform>نقطة متبقية</numerusform>
            <numerusform>نقطة متبقية</numerusform>
            <numerusform>نقطتان متبقيتان</numerusform>
            <numerusform>نقاط متبقية</numerusform>
            <numerusform>نقطة متبقية</numerusform>
            <numerusform>نقطة متبقية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>session(s) left</source>
        <translation>
            <numerusform>حصة متبقية</numerusform>
            <numerusform>حصة متبقية</numerusform>
            <numerusform>حصتان متبقيتان</numerusform>
            <numerusform>حصص متبقية</numerusform>
            <numerusform>حصة متبقية</numerusform>
            <numerusform>حصة متبقية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coin(s)</source>
        <translation>
            <numerusform>%n نقطة</numerusform>
            <numerusform>نقطة واحدة</numerusform>
            <numerusform>نقطتان</numerusform>
            <numerusform>%n نقاط</numerusform>
            <numerusform>%n نقطة</numerusform>
            <numerusform>%n نقطة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n شهر</numerusform>
            <numerusform>شهر واحد</numerusform>
            <numerusform>شهران</numerusform>
            <numerusform>%n أشهر</numerusform>
            <numerusform>%n شهرًا</numerusform>
            <numerusform>%n شهر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n حصة</numerusform>
            <numerusform>حصة واحدة</numerusform>
            <numerusform>حصتان</numerusform>
            <numerusform>%n حصص</numerusform>
            <numerusform>%n حصة</numerusform>
            <numerusform>%n حصة</numerusform>
        </translation>
    </message>
    <message>
        <source>Deduct 1 coin</source>
        <translation>خصم نقطة واحدة</translation>
    </message>
    <message>
        <source>Deduct 1 session</source>
        <translation>خصم حصة واحدة</translation>
    </message>
    <message>
        <source>Nothing was read; scan the card again</source>
        <translation>لم يُقرأ شيء؛ امسح البطاقة مرة أخرى</translation>
    </message>
    <message>
        <source>This is not a gym card</source>
        <translation>هذه ليست بطاقة الجيم</translation>
    </message>
    <message>
        <source>This is not a gym card (code too long)</source>
        <translation>هذه ليست بطاقة الجيم (الرمز طويل جدًا)</translation>
    </message>
    <message>
        <source>Card replaced on {day}: an old card of {owner}; use the new card</source>
        <translation>استُبدلت البطاقة في {day}: بطاقة قديمة لـ {owner}؛ استخدم البطاقة الجديدة</translation>
    </message>
    <message>
        <source>Card replaced on {day}; use the new card</source>
        <translation>استُبدلت البطاقة في {day}؛ استخدم البطاقة الجديدة</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Desk or turnstile</source>
        <translation>المكتب أو البوابة</translation>
    </message>
    <message>
        <source>Welcome (no reason)</source>
        <translation>أهلاً (بلا سبب)</translation>
    </message>
    <message>
        <source>Day pass already used</source>
        <translation>تذكرة يومية مستخدمة من قبل</translation>
    </message>
    <message>
        <source>Day pass expired</source>
        <translation>تذكرة يومية منتهية</translation>
    </message>
    <message>
        <source>Day pass voided</source>
        <translation>تذكرة يومية ملغاة</translation>
    </message>
    <message>
        <source>Day pass altered or forged</source>
        <translation>تذكرة يومية معدّلة أو مزوّرة</translation>
    </message>
    <message>
        <source>Day pass not issued by this gym</source>
        <translation>تذكرة يومية لم يُصدرها هذا النادي</translation>
    </message>
    <message>
        <source>Day pass for another branch</source>
        <translation>تذكرة يومية لفرع آخر</translation>
    </message>
    <message>
        <source>Day pass code incomplete</source>
        <translation>رمز تذكرة يومية ناقص</translation>
    </message>
    <message>
        <source>Day pass code damaged</source>
        <translation>رمز تذكرة يومية تالف</translation>
    </message>
    <message>
        <source>Day pass shown, not yet used</source>
        <translation>تذكرة يومية عُرضت ولم تُستخدم بعد</translation>
    </message>
    <message>
        <source>Card not recognised</source>
        <translation>البطاقة غير معروفة</translation>
    </message>
    <message>
        <source>Not a gym card</source>
        <translation>ليست بطاقة نادٍ</translation>
    </message>
    <message>
        <source>Replaced card</source>
        <translation>بطاقة مستبدلة</translation>
    </message>
    <message>
        <source>Account deactivated</source>
        <translation>حساب موقوف</translation>
    </message>
    <message>
        <source>Subscription expired</source>
        <translation>اشتراك منتهٍ</translation>
    </message>
    <message>
        <source>Subscription frozen</source>
        <translation>اشتراك مجمّد</translation>
    </message>
    <message>
        <source>Member of another branch</source>
        <translation>عضو في فرع آخر</translation>
    </message>
    <message>
        <source>Repeat scan</source>
        <translation>مسح متكرر</translation>
    </message>
    <message>
        <source>Few sessions left</source>
        <translation>جلسات قليلة متبقية</translation>
    </message>
    <message>
        <source>Ending soon</source>
        <translation>ينتهي قريباً</translation>
    </message>
    <message>
        <source>Day pass admitted</source>
        <translation>دخل بتذكرة يومية</translation>
    </message>
    <message>
        <source>{reason} (let in by a manager)</source>
        <translation>{reason} (أدخله مدير)</translation>
    </message>
    <message>
        <source>{name} #{number}</source>
        <translation>{name} رقم {number}</translation>
    </message>
    <message>
        <source>Day pass {id}</source>
        <translation>تذكرة يومية {id}</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>مكتب</translation>
    </message>
    <message>
        <source>turnstile or script</source>
        <translation>بوابة أو برنامج</translation>
    </message>
    <message>
        <source>Allowed and denied</source>
        <translation>المسموح والمرفوض</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>مسموح</translation>
    </message>
    <message>
        <source>Every reason</source>
        <translation>كل الأسباب</translation>
    </message>
    <message>
        <source>The newest {shown} of {total} attempts · {denied} denied among them</source>
        <translation>أحدث {shown} من {total} محاولة · {denied} مرفوضة بينها</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n محاولة</numerusform>
            <numerusform>محاولة واحدة</numerusform>
            <numerusform>محاولتان</numerusform>
            <numerusform>%n محاولات</numerusform>
            <numerusform>%n محاولة</numerusform>
            <numerusform>%n محاولة</numerusform>
        </translation>
    </message>
    <message>
        <source>{denied} denied</source>
        <translation>{denied} مرفوضة</translation>
    </message>
    <message>
        <source>Export the access log</source>
        <translation>تصدير سجل الدخول</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>رمز السبب</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>التذكرة</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) exported to {path}.</source>
        <translation>
            <numerusform>صُدّرت %n محاولة إلى {path}.</numerusform>
            <numerusform>صُدّرت محاولة واحدة إلى {path}.</numerusform>
            <numerusform>صُدّرت محاولتان إلى {path}.</numerusform>
            <numerusform>صُدّرت %n محاولات إلى {path}.</numerusform>
            <numerusform>صُدّرت %n محاولة إلى {path}.</numerusform>
            <numerusform>صُدّرت %n محاولة إلى {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Account is deactivated</source>
        <translation>الحساب موقوف</translation>
    </message>
    <message>
        <source>Frozen until {day}</source>
        <translation>مجمّد حتى {day}</translation>
    </message>
    <message>
        <source>Subscription starts on {day}</source>
        <translation>يبدأ الاشتراك في {day}</translation>
    </message>
    <message>
        <source>No coins left</source>
        <translation>لا توجد نقاط متبقية</translation>
    </message>
    <message>
        <source>No sessions left</source>
        <translation>لا توجد حصص متبقية</translation>
    </message>
    <message>
        <source>Expired on {day}</source>
        <translation>انتهى في {day}</translation>
    </message>
    <message>
        <source>No active subscription</source>
        <translation>لا يوجد اشتراك ساري</translation>
    </message>
    <message>
        <source>another branch</source>
        <translation>فرع آخر</translation>
    </message>
    <message>
        <source>Member of {branch}; not allowed at this branch</source>
        <translation>عضو في {branch}؛ غير مسموح له في هذا الفرع</translation>
    </message>
    <message>
        <source>Member of {branch}</source>
        <translation>عضو في {branch}</translation>
    </message>
    <message>
        <source>Checked in at {time}: a repeat scan records no second visit</source>
        <translation>سُجّل حضوره الساعة {time}: المسح المكرر لا يسجّل زيارة ثانية</translation>
    </message>
    <message>
        <source>Already checked in today at {time}</source>
        <translation>سُجّل حضوره اليوم بالفعل الساعة {time}</translation>
    </message>
    <message>
        <source>Already deducted at {time}; check in only</source>
        <translation>خُصم بالفعل الساعة {time}؛ تسجيل حضور فقط</translation>
    </message>
    <message>
        <source>Only {left}</source>
        <translation>فقط {left}</translation>
    </message>
    <message>
        <source>Ends today ({day})</source>
        <translation>ينتهي اليوم ({day})</translation>
    </message>
    <message numerus="yes">
        <source>Ends in %n day(s) ({day})</source>
        <translation>
            <numerusform>ينتهي خلال %n يوم ({day})</numerusform>
            <numerusform>ينتهي غدًا ({day})</numerusform>
            <numerusform>ينتهي خلال يومين ({day})</numerusform>
            <numerusform>ينتهي خلال %n أيام ({day})</numerusform>
            <numerusform>ينتهي خلال %n يومًا ({day})</numerusform>
            <numerusform>ينتهي خلال %n يوم ({day})</numerusform>
        </translation>
    </message>
    <message>
        <source>Temporary password not changed yet: {password}</source>
        <translation>لم تُغيَّر كلمة المرور المؤقتة بعد: {password}</translation>
    </message>
    <message>
        <source>Birthday today</source>
        <translation>عيد ميلاده اليوم</translation>
    </message>
    <message>
        <source>Already used at {time} at {branch}</source>
        <translation>استُخدمت الساعة {time} في {branch}</translation>
    </message>
    <message>
        <source>Already used at {time}</source>
        <translation>استُخدمت الساعة {time}</translation>
    </message>
    <message>
        <source>Voided by {name} at {time} on {day}</source>
        <translation>ألغاها {name} الساعة {time} يوم {day}</translation>
    </message>
    <message>
        <source>This pass expired at {time} on {day}</source>
        <translation>انتهت صلاحية هذه التذكرة الساعة {time} يوم {day}</translation>
    </message>
    <message>
        <source>This pass is for another branch</source>
        <translation>هذه التذكرة لفرع آخر</translation>
    </message>
    <message>
        <source>This pass is not valid yet; check the desk&apos;s clock</source>
        <translation>هذه التذكرة غير صالحة بعد؛ تحقّق من ساعة المكتب</translation>
    </message>
    <message>
        <source>This pass was altered or forged</source>
        <translation>هذه التذكرة معدّلة أو مزوّرة</translation>
    </message>
    <message>
        <source>This pass was not issued by this gym</source>
        <translation>هذه التذكرة لم يُصدرها هذا النادي</translation>
    </message>
    <message>
        <source>This pass&apos;s signing key was withdrawn; ask a manager</source>
        <translation>سُحب مفتاح توقيع هذه التذكرة؛ اسأل المدير</translation>
    </message>
    <message>
        <source>The pass code is incomplete; scan it again</source>
        <translation>رمز التذكرة ناقص؛ امسحه مرة أخرى</translation>
    </message>
    <message>
        <source>The pass code is damaged; scan it again</source>
        <translation>رمز التذكرة تالف؛ امسحه مرة أخرى</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>أهلًا بك</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>تم تسجيل الحضور</translation>
    </message>
    <message>
        <source>Checked in (monthly subscription: nothing to deduct)</source>
        <translation>تم تسجيل الحضور (اشتراك شهري: لا يوجد ما يُخصم)</translation>
    </message>
    <message>
        <source>Checked in only: already deducted at {time}</source>
        <translation>تسجيل حضور فقط: خُصم بالفعل الساعة {time}</translation>
    </message>
    <message>
        <source>Checked in, 1 coin deducted: {left}</source>
        <translation>تم تسجيل الحضور وخُصمت نقطة واحدة: {left}</translation>
    </message>
    <message>
        <source>Checked in, 1 session deducted: {left}</source>
        <translation>تم تسجيل الحضور وخُصمت حصة واحدة: {left}</translation>
    </message>
    <message>
        <source>Already checked in at {time}: no second visit recorded</source>
        <translation>سُجّل حضوره بالفعل الساعة {time}: لم تُسجَّل زيارة ثانية</translation>
    </message>
    <message>
        <source>Checked in by override ({approver})</source>
        <translation>تم تسجيل الحضور بتجاوز ({approver})</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>That member no longer exists.</source>
        <translation>هذا العضو لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>A manager must approve this override.</source>
        <translation>يجب أن يوافق مدير على هذا التجاوز.</translation>
    </message>
    <message>
        <source>That subscription does not belong to this member.</source>
        <translation>هذا الاشتراك لا يخص هذا العضو.</translation>
    </message>
    <message>
        <source>That staff member no longer exists.</source>
        <translation>هذا الموظف لم يعد موجودًا.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>لا يمكنك إيقاف حسابك أنت.</translation>
    </message>
    <message>
        <source>Your account is no longer active. Ask a manager, then sign in again.</source>
        <translation>حسابك لم يعد نشطًا. اسأل المدير، ثم سجّل الدخول من جديد.</translation>
    </message>
    <message>
        <source>You can only work at a desk of your own branch.</source>
        <translation>لا يمكنك العمل إلا في استقبال فرعك.</translation>
    </message>
    <message>
        <source>The subscription&apos;s branch must be the member&apos;s home branch.</source>
        <translation>يجب أن يكون فرع الاشتراك هو فرع العضو الأساسي.</translation>
    </message>
    <message>
        <source>This member&apos;s account is deactivated; reactivate it first.</source>
        <translation>حساب هذا العضو موقوف؛ أعد تنشيطه أولًا.</translation>
    </message>
    <message>
        <source>A subscription cannot start in the past.</source>
        <translation>لا يمكن أن يبدأ الاشتراك في الماضي.</translation>
    </message>
    <message>
        <source>A monthly subscription has no sessions to deduct.</source>
        <translation>الاشتراك الشهري ليس به حصص للخصم.</translation>
    </message>
    <message>
        <source>Write why the balance is corrected.</source>
        <translation>اكتب سبب تصحيح الرصيد.</translation>
    </message>
    <message>
        <source>That pack does not exist.</source>
        <translation>هذه الباقة غير موجودة.</translation>
    </message>
    <message>
        <source>A freeze lasts at least one day.</source>
        <translation>التجميد يستمر يومًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>A freeze cannot start in the past.</source>
        <translation>لا يمكن أن يبدأ التجميد في الماضي.</translation>
    </message>
    <message>
        <source>Please check the form.</source>
        <translation>يُرجى مراجعة النموذج.</translation>
    </message>
    <message>
        <source>The end of the report is before its start.</source>
        <translation>نهاية التقرير قبل بدايته.</translation>
    </message>
    <message>
        <source>Enter the member&apos;s full name.</source>
        <translation>أدخل الاسم الكامل للعضو.</translation>
    </message>
    <message>
        <source>The name is too long (120 characters at most).</source>
        <translation>الاسم طويل جدًا (120 حرفًا على الأكثر).</translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation>أدخل رقم هاتف.</translation>
    </message>
    <message>
        <source>Phone must be a mobile like 01012345678 or an international number starting with +.</source>
        <translation>يجب أن يكون الهاتف رقم محمول مثل 01012345678 أو رقمًا دوليًا يبدأ بـ +.</translation>
    </message>
    <message>
        <source>The email address doesn&apos;t look right (name@example.com).</source>
        <translation>عنوان البريد الإلكتروني يبدو غير صحيح (name@example.com).</translation>
    </message>
    <message>
        <source>Date of birth cannot be in the future.</source>
        <translation>لا يمكن أن يكون تاريخ الميلاد في المستقبل.</translation>
    </message>
    <message>
        <source>Date of birth is more than 110 years ago.</source>
        <translation>تاريخ الميلاد منذ أكثر من 110 سنوات.</translation>
    </message>
    <message>
        <source>The photo is larger than 50 KB; it is resized automatically when chosen in the app.</source>
        <translation>الصورة أكبر من 50 ك.ب؛ ويُصغَّر حجمها تلقائيًا عند اختيارها من البرنامج.</translation>
    </message>
    <message>
        <source>This change would take the balance below zero, or the subscription has no session balance.</source>
        <translation>هذا التغيير يجعل الرصيد أقل من صفر، أو أن الاشتراك ليس له رصيد حصص.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>تاريخ النهاية قبل تاريخ البداية.</translation>
    </message>
    <message>
        <source>A manager must sign in to approve this.</source>
        <translation>يجب أن يسجّل مدير الدخول للموافقة على هذا.</translation>
    </message>
    <message>
        <source>That visit does not exist.</source>
        <translation>هذه الزيارة غير موجودة.</translation>
    </message>
    <message>
        <source>That member does not exist.</source>
        <translation>هذا العضو غير موجود.</translation>
    </message>
    <message>
        <source>A reversal cannot itself be reversed.</source>
        <translation>لا يمكن عكس عملية عكس.</translation>
    </message>
    <message>
        <source>This check-in was already reversed.</source>
        <translation>عُكس تسجيل الحضور هذا من قبل.</translation>
    </message>
    <message>
        <source>That branch does not exist.</source>
        <translation>هذا الفرع غير موجود.</translation>
    </message>
    <message>
        <source>That service no longer exists.</source>
        <translation>هذه الخدمة لم تعد موجودة.</translation>
    </message>
    <message>
        <source>That service does not exist.</source>
        <translation>هذه الخدمة غير موجودة.</translation>
    </message>
    <message>
        <source>That subscription does not exist.</source>
        <translation>هذا الاشتراك غير موجود.</translation>
    </message>
    <message>
        <source>A monthly subscription has no sessions or coins to deduct.</source>
        <translation>الاشتراك الشهري ليس به حصص أو نقاط للخصم.</translation>
    </message>
    <message>
        <source>No day pass is in the catalogue: a manager adds one under Manage → Catalogue.</source>
        <translation>لا توجد تذكرة يومية في قائمة الخدمات: يضيفها المدير من الإدارة ← قائمة الخدمات.</translation>
    </message>
    <message>
        <source>Say why the pass is voided (a few words).</source>
        <translation>اذكر سبب إلغاء التذكرة (بضع كلمات).</translation>
    </message>
    <message>
        <source>That branch does not sell day passes.</source>
        <translation>هذا الفرع لا يبيع تذاكر يومية.</translation>
    </message>
    <message>
        <source>That day pass is not in the catalogue.</source>
        <translation>هذه التذكرة اليومية ليست في قائمة الخدمات.</translation>
    </message>
    <message>
        <source>This pass was already voided.</source>
        <translation>أُلغيت هذه التذكرة من قبل.</translation>
    </message>
    <message>
        <source>This database already has a gym; sign in instead.</source>
        <translation>قاعدة البيانات هذه بها جيم بالفعل؛ سجّل الدخول بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>A manager must approve a price change.</source>
        <translation>يجب أن يوافق مدير على تغيير السعر.</translation>
    </message>
    <message>
        <source>No payment was recorded for this subscription.</source>
        <translation>لم يُسجَّل أي دفع لهذا الاشتراك.</translation>
    </message>
    <message>
        <source>This sign-in was ended because an old token was used again; sign in again.</source>
        <translation>أُنهي تسجيل الدخول هذا لأن رمز دخول قديمًا استُخدم مرة أخرى؛ سجّل الدخول من جديد.</translation>
    </message>
    <message>
        <source>Only a desk&apos;s own replica file can be rebuilt from the chain&apos;s server.</source>
        <translation>لا يُعاد بناء ملف من خادم السلسلة إلا إذا كان النسخة المحلية الخاصة بهذا الاستقبال.</translation>
    </message>
    <message>
        <source>Backups made by Reception are for a local database file; back up a server with pg_dump.</source>
        <translation>النسخ الاحتياطية التي يصنعها الاستقبال خاصة بملف قاعدة بيانات محلي؛ انسخ الخادم احتياطيًا باستخدام pg_dump.</translation>
    </message>
    <message>
        <source>Backups made by Reception are for a local SQLite database. Back up a PostgreSQL database on the server with pg_dump.</source>
        <translation>النسخ الاحتياطية التي يصنعها الاستقبال خاصة بقاعدة بيانات SQLite محلية. انسخ قاعدة بيانات PostgreSQL احتياطيًا على الخادم باستخدام pg_dump.</translation>
    </message>
    <message>
        <source>Reception archives the access log of a local database file only; on a PostgreSQL server it stays in its table (the server&apos;s administrator partitions or dumps it).</source>
        <translation>يؤرشف الاستقبال سجل الدخول لملف قاعدة بيانات محلي فقط؛ على خادم PostgreSQL يبقى السجل في جدوله (ويتولى مسؤول الخادم تقسيمه أو تفريغه).</translation>
    </message>
    <message>
        <source>The database is busy: another program is using it. Try again in a moment.</source>
        <translation>قاعدة البيانات مشغولة: برنامج آخر يستخدمها. حاول مرة أخرى بعد لحظة.</translation>
    </message>
    <message>
        <source>This desk is already connected to the chain&apos;s server.</source>
        <translation>هذا الاستقبال مربوط بخادم السلسلة بالفعل.</translation>
    </message>
    <message>
        <source>This desk&apos;s database already holds a gym. Connect a fresh desk database (reception --db NEW_FILE connect …), or move this gym onto the server first (reception db copy).</source>
        <translation>قاعدة بيانات هذا الاستقبال تحوي جيمًا بالفعل. اربط قاعدة بيانات جديدة للاستقبال (reception --db NEW_FILE connect …)، أو انقل هذا الجيم إلى الخادم أولًا (reception db copy).</translation>
    </message>
    <message>
        <source>The damaged file does not say which server it belongs to: connect this desk again.</source>
        <translation>الملف التالف لا يذكر الخادم الذي ينتمي إليه: اربط هذا الاستقبال من جديد.</translation>
    </message>
    <message>
        <source>This desk is not connected to a chain&apos;s server (reception connect SERVER_URL).</source>
        <translation>هذا الاستقبال غير مربوط بخادم سلسلة (reception connect SERVER_URL).</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, like https://gym.example.com</source>
        <translation>اكتب عنوان الخادم، مثل https://gym.example.com</translation>
    </message>
    <message>
        <source>The server&apos;s address must start with https:// (only this computer may use http://).</source>
        <translation>يجب أن يبدأ عنوان الخادم بـ https://‎ (لا يُسمح بـ http://‎ إلا لهذا الكمبيوتر نفسه).</translation>
    </message>
    <message>
        <source>This desk is not connected: connect it to the chain&apos;s server again.</source>
        <translation>هذا الاستقبال غير مربوط: اربطه بخادم السلسلة من جديد.</translation>
    </message>
    <message>
        <source>This server does not serve branch desks.</source>
        <translation>هذا الخادم لا يخدم استقبالات الفروع.</translation>
    </message>
    <message>
        <source>Say which branch this desk is at (branch_id).</source>
        <translation>حدّد الفرع الذي يوجد فيه هذا الاستقبال (branch_id).</translation>
    </message>
    <message>
        <source>Only a manager of this branch or the owner can connect a desk.</source>
        <translation>لا يستطيع ربط استقبال إلا مدير هذا الفرع أو المالك.</translation>
    </message>
    <message>
        <source>This desk was disconnected: a manager must connect it again.</source>
        <translation>فُصل هذا الاستقبال: يجب أن يربطه مدير من جديد.</translation>
    </message>
    <message>
        <source>Only a manager or the owner sees sync issues.</source>
        <translation>لا يطّلع على مشكلات المزامنة إلا مدير أو المالك.</translation>
    </message>
    <message>
        <source>Only a manager or the owner resolves sync issues.</source>
        <translation>لا يحل مشكلات المزامنة إلا مدير أو المالك.</translation>
    </message>
    <message>
        <source>No such sync issue.</source>
        <translation>لا توجد مشكلة مزامنة كهذه.</translation>
    </message>
    <message>
        <source>This sync issue is already resolved.</source>
        <translation>مشكلة المزامنة هذه محلولة بالفعل.</translation>
    </message>
    <message>
        <source>Say whether the operations held from the disconnected desk are applied or discarded.</source>
        <translation>حدِّد هل تُطبَّق العمليات المحفوظة من جهاز الاستقبال الملغى ربطه أم تُستبعد.</translation>
    </message>
    <message>
        <source>This kind of sync issue is resolved with words only.</source>
        <translation>هذا النوع من مشكلات المزامنة يُحل بكتابة ما تم فقط.</translation>
    </message>
    <message>
        <source>No such desk.</source>
        <translation>جهاز الاستقبال هذا غير موجود.</translation>
    </message>
    <message>
        <source>Only a manager of this branch or the owner sees its desks.</source>
        <translation>لا يرى أجهزة الاستقبال في هذا الفرع إلا مدير الفرع أو المالك.</translation>
    </message>
    <message>
        <source>Only a manager of this branch or the owner can disconnect a desk.</source>
        <translation>لا يستطيع إلغاء ربط جهاز استقبال إلا مدير هذا الفرع أو المالك.</translation>
    </message>
    <message>
        <source>A desk cannot disconnect itself: do it from another desk of the branch.</source>
        <translation>لا يستطيع جهاز الاستقبال إلغاء ربط نفسه: افعل ذلك من جهاز آخر في الفرع.</translation>
    </message>
    <message>
        <source>The chain&apos;s server cannot be reached: this needs the desk online. Try again in a moment.</source>
        <translation>تعذّر الوصول إلى خادم السلسلة: هذا يحتاج إلى أن يكون الاستقبال متصلًا. حاول مرة أخرى بعد قليل.</translation>
    </message>
    <message>
        <source>The database has no branches yet. Create the gym first.</source>
        <translation>لا توجد فروع في قاعدة البيانات بعد. أنشئ الجيم أولًا.</translation>
    </message>
    <message>
        <source>The database is busy: another desk or program is using it. Please try again in a moment.</source>
        <translation>قاعدة البيانات مشغولة: استقبال آخر أو برنامج آخر يستخدمها. يُرجى المحاولة مرة أخرى بعد لحظة.</translation>
    </message>
    <message>
        <source>The database cannot be written to (the file or its folder is read-only). Ask whoever manages this computer to allow writing there.</source>
        <translation>لا يمكن الكتابة في قاعدة البيانات (الملف أو مجلده للقراءة فقط). اطلب ممن يدير هذا الكمبيوتر السماح بالكتابة هناك.</translation>
    </message>
    <message>
        <source>The disk is full, so nothing more can be saved. Free some space on this computer and try again.</source>
        <translation>القرص ممتلئ، فلا يمكن حفظ المزيد. أفرغ بعض المساحة على هذا الكمبيوتر وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check that the drive is connected and the folder exists.</source>
        <translation>لا يمكن فتح ملف قاعدة البيانات. تأكد من أن القرص متصل وأن المجلد موجود.</translation>
    </message>
    <message>
        <source>Cannot reach the database server. Check the network connection and that the server is running, then try again.</source>
        <translation>لا يمكن الوصول إلى خادم قاعدة البيانات. راجع اتصال الشبكة وتأكد من أن الخادم يعمل، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The database file is damaged and cannot be used. It has been left as it is; restore the newest backup (Reception offers it at start).</source>
        <translation>ملف قاعدة البيانات تالف ولا يمكن استخدامه. تُرك كما هو؛ استعد أحدث نسخة احتياطية (يعرضها الاستقبال عند التشغيل).</translation>
    </message>
    <message>
        <source>The database named in the settings does not exist on the server.</source>
        <translation>قاعدة البيانات المذكورة في الإعدادات غير موجودة على الخادم.</translation>
    </message>
    <message>
        <source>The database server refused the login. Check the user name and password.</source>
        <translation>رفض خادم قاعدة البيانات تسجيل الدخول. راجع اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>That member number is already taken by another member.</source>
        <translation>رقم العضوية هذا مأخوذ بالفعل لعضو آخر.</translation>
    </message>
    <message>
        <source>That card code already belongs to another member.</source>
        <translation>رمز البطاقة هذا يخص عضوًا آخر بالفعل.</translation>
    </message>
    <message>
        <source>That receipt number is already used.</source>
        <translation>رقم الإيصال هذا مستخدم بالفعل.</translation>
    </message>
    <message>
        <source>That username is already taken.</source>
        <translation>اسم المستخدم هذا مأخوذ بالفعل.</translation>
    </message>
    <message>
        <source>A branch with that number already exists.</source>
        <translation>يوجد فرع بهذا الرقم بالفعل.</translation>
    </message>
    <message>
        <source>That operation was already recorded; it was not done a second time.</source>
        <translation>سُجّلت هذه العملية من قبل؛ ولم تُنفَّذ مرة ثانية.</translation>
    </message>
    <message>
        <source>check cards</source>
        <translation>فحص البطاقات</translation>
    </message>
    <message>
        <source>check members in</source>
        <translation>تسجيل حضور الأعضاء</translation>
    </message>
    <message>
        <source>override a denied scan</source>
        <translation>تجاوز مسح مرفوض</translation>
    </message>
    <message>
        <source>look up members</source>
        <translation>البحث عن الأعضاء</translation>
    </message>
    <message>
        <source>see a member&apos;s contact and health details</source>
        <translation>الاطلاع على بيانات الاتصال والبيانات الصحية للعضو</translation>
    </message>
    <message>
        <source>register members</source>
        <translation>تسجيل الأعضاء</translation>
    </message>
    <message>
        <source>edit a member</source>
        <translation>تعديل بيانات عضو</translation>
    </message>
    <message>
        <source>replace a member&apos;s card</source>
        <translation>استبدال بطاقة عضو</translation>
    </message>
    <message>
        <source>sell subscriptions</source>
        <translation>بيع الاشتراكات</translation>
    </message>
    <message>
        <source>change a price</source>
        <translation>تغيير سعر</translation>
    </message>
    <message>
        <source>correct a balance</source>
        <translation>تصحيح رصيد</translation>
    </message>
    <message>
        <source>freeze a subscription</source>
        <translation>تجميد اشتراك</translation>
    </message>
    <message>
        <source>cancel a subscription</source>
        <translation>إلغاء اشتراك</translation>
    </message>
    <message>
        <source>see attendance</source>
        <translation>الاطلاع على الحضور</translation>
    </message>
    <message>
        <source>reverse a check-in</source>
        <translation>عكس تسجيل حضور</translation>
    </message>
    <message>
        <source>reverse another person&apos;s check-in</source>
        <translation>عكس تسجيل حضور سجّله شخص آخر</translation>
    </message>
    <message>
        <source>see the shift report</source>
        <translation>الاطلاع على تقرير الوردية</translation>
    </message>
    <message>
        <source>see other branches</source>
        <translation>الاطلاع على الفروع الأخرى</translation>
    </message>
    <message>
        <source>edit the catalogue</source>
        <translation>تعديل قائمة الخدمات</translation>
    </message>
    <message>
        <source>edit the branch&apos;s rules</source>
        <translation>تعديل قواعد الفرع</translation>
    </message>
    <message>
        <source>manage branches</source>
        <translation>إدارة الفروع</translation>
    </message>
    <message>
        <source>manage staff</source>
        <translation>إدارة الموظفين</translation>
    </message>
    <message>
        <source>manage managers</source>
        <translation>إدارة المديرين</translation>
    </message>
    <message>
        <source>change your password</source>
        <translation>تغيير كلمة المرور الخاصة بك</translation>
    </message>
    <message>
        <source>void day passes</source>
        <translation>إلغاء التذاكر اليومية</translation>
    </message>
    <message>
        <source>change the keys that sign day passes</source>
        <translation>تغيير المفاتيح التي توقّع التذاكر اليومية</translation>
    </message>
    <message>
        <source>This sync issue cannot be resolved so: {error}.</source>
        <translation>لا يمكن حل مشكلة المزامنة هذه بهذه الطريقة: {error}.</translation>
    </message>
    <message>
        <source>Only the owner can {what} for every branch.</source>
        <translation>لا يستطيع {what} لكل الفروع إلا المالك.</translation>
    </message>
    <message>
        <source>Only the owner can {what}.</source>
        <translation>لا يستطيع {what} إلا المالك.</translation>
    </message>
    <message>
        <source>Only a manager can {what}.</source>
        <translation>لا يستطيع {what} إلا مدير.</translation>
    </message>
    <message>
        <source>This kiosk cannot {what}; sign in at a desk.</source>
        <translation>هذا الكشك لا يستطيع {what}؛ سجّل الدخول في الاستقبال.</translation>
    </message>
    <message>
        <source>That belongs to another branch: only its staff or the owner can {what}.</source>
        <translation>هذا يخص فرعًا آخر: لا يستطيع {what} إلا موظفو ذلك الفرع أو المالك.</translation>
    </message>
    <message>
        <source>Only {left} freeze day(s) left this year at this branch (limit {limit}).</source>
        <translation>المتبقي من أيام التجميد هذا العام في هذا الفرع: {left} فقط (الحد {limit}).</translation>
    </message>
    <message>
        <source>{text} is not a date like 2026-11-21.</source>
        <translation>{text} ليس تاريخًا بصيغة 2026-11-21.</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>يجب ألا تقل كلمة المرور عن {count} حرفًا.</translation>
    </message>
    <message>
        <source>The username {name} is taken.</source>
        <translation>اسم المستخدم {name} مستخدم بالفعل.</translation>
    </message>
    <message>
        <source>No signing key {key}.</source>
        <translation>لا يوجد مفتاح توقيع {key}.</translation>
    </message>
    <message>
        <source>This subscription already has a freeze from {day}; unfreeze it first.</source>
        <translation>هذا الاشتراك عليه تجميد بالفعل من {day}؛ ألغِ التجميد أولًا.</translation>
    </message>
    <message>
        <source>{service} is a day pass: sell it with Sell day pass, not as a subscription.</source>
        <translation>{service} تذكرة يومية: بِعها من «بيع تذكرة يومية»، لا كاشتراك.</translation>
    </message>
    <message>
        <source>{name} already has an active subscription until {end}. Renew from {start} instead?</source>
        <translation>لدى {name} اشتراك ساري بالفعل حتى {end}. هل تجدّد من {start} بدلًا من ذلك؟</translation>
    </message>
    <message>
        <source>Tonight&apos;s backup of {path} failed its check, so the database itself may be damaged. Keep using it only until a manager has restored a backup; older backups were kept.</source>
        <translation>فشل فحص النسخة الاحتياطية الليلية لـ {path}، لذا قد تكون قاعدة البيانات نفسها تالفة. استمر في استخدامها فقط إلى أن يستعيد المدير نسخة احتياطية؛ احتُفظ بالنسخ الأقدم.</translation>
    </message>
    <message>
        <source>The database {path} is open in {holder}, so it was not restored: that desk would go on writing into the replaced file. Close Reception there, then restore again. Nothing was changed.</source>
        <translation>قاعدة البيانات {path} مفتوحة في {holder}، لذا لم تُستعَد: كان ذلك الاستقبال سيواصل الكتابة في الملف المستبدل. أغلق الاستقبال هناك، ثم أعد الاستعادة. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Reception cannot lock the database ({path}): {error}.</source>
        <translation>لا يستطيع الاستقبال قفل قاعدة البيانات ({path}): {error}.</translation>
    </message>
    <message>
        <source>The database is at schema revision {current}, but this version of Reception needs revision {head}. Ask the administrator to run: reception db upgrade --db {url}</source>
        <translation>قاعدة البيانات على إصدار المخطط {current}، لكن هذا الإصدار من الاستقبال يحتاج الإصدار {head}. اطلب من المسؤول تشغيل: reception db upgrade --db {url}</translation>
    </message>
    <message>
        <source>The database has no Reception tables yet, but this version of Reception needs revision {head}. Ask the administrator to run: reception db upgrade --db {url}</source>
        <translation>لا توجد في قاعدة البيانات جداول الاستقبال بعد، وهذا الإصدار من الاستقبال يحتاج الإصدار {head}. اطلب من المسؤول تشغيل: reception db upgrade --db {url}</translation>
    </message>
    <message>
        <source>The database file {path} is empty (0 bytes): it is not a gym database, and Reception does not turn it into a new gym. It was left as it is. If the gym&apos;s data should be there, restore a backup (reception db restore BACKUP); to start a new gym here, delete that empty file first.</source>
        <translation>ملف قاعدة البيانات {path} فارغ (0 بايت): ليس قاعدة بيانات جيم، ولا يحوّله الاستقبال إلى جيم جديد. تُرك كما هو. إن كان يجب أن تكون بيانات الجيم فيه فاستعد نسخة احتياطية (reception db restore BACKUP)؛ ولبدء جيم جديد هنا احذف ذلك الملف الفارغ أولًا.</translation>
    </message>
    <message>
        <source>{path} is a database, but not a Reception backup (it has no gym&apos;s tables). Nothing was changed; choose a backup from the backups folder.</source>
        <translation>{path} قاعدة بيانات، لكنه ليس نسخة احتياطية من الاستقبال (ليس به جداول الجيم). لم يتغير شيء؛ اختر نسخة احتياطية من مجلد النسخ الاحتياطية.</translation>
    </message>
    <message>
        <source>The backup {path} was made by a newer version of Reception (schema revision {revision}). Install that version before restoring it; nothing was changed.</source>
        <translation>النسخة الاحتياطية {path} صُنعت بإصدار أحدث من الاستقبال (إصدار المخطط {revision}). ثبّت ذلك الإصدار قبل استعادتها؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The database was set up by a newer version of Reception (schema revision {revision}). Install the newest version of Reception on this computer.</source>
        <translation>أُعدّت قاعدة البيانات بإصدار أحدث من الاستقبال (إصدار المخطط {revision}). ثبّت أحدث إصدار من الاستقبال على هذا الكمبيوتر.</translation>
    </message>
    <message>
        <source>The backup {path} cannot be read ({error}). Nothing was changed.</source>
        <translation>لا يمكن قراءة النسخة الاحتياطية {path} ({error}). لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The database file {path} is damaged ({error}). It has been left exactly as it is; restore the newest backup, or ask for help before using this file again.</source>
        <translation>ملف قاعدة البيانات {path} تالف ({error}). تُرك كما هو تمامًا؛ استعد أحدث نسخة احتياطية، أو اطلب المساعدة قبل استخدام هذا الملف مرة أخرى.</translation>
    </message>
    <message>
        <source>The database file {path} could not be read ({error}): a disk or permission problem, not damage to the file. Nothing was moved or changed; check the drive, then start Reception again.</source>
        <translation>تعذّرت قراءة ملف قاعدة البيانات {path} ({error}): مشكلة في القرص أو الصلاحيات، لا تلف في الملف. لم يُنقل أو يتغير شيء؛ افحص القرص، ثم شغّل الاستقبال من جديد.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file, so Reception cannot open it. Nothing was moved or changed; point Reception at the database file, or rename that folder.</source>
        <translation>{path} مجلد وليس ملف قاعدة بيانات، لذا لا يستطيع الاستقبال فتحه. لم يُنقل أو يتغير شيء؛ وجّه الاستقبال إلى ملف قاعدة البيانات، أو غيّر اسم ذلك المجلد.</translation>
    </message>
    <message>
        <source>{path} is not a regular file, so Reception cannot open it as a database. Nothing was changed.</source>
        <translation>{path} ليس ملفًا عاديًا، لذا لا يستطيع الاستقبال فتحه كقاعدة بيانات. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>There is no database file at {path} to back up.</source>
        <translation>لا يوجد ملف قاعدة بيانات في {path} لنسخه احتياطيًا.</translation>
    </message>
    <message>
        <source>There is no backup file at {path}. Check the name and the folder; nothing was changed.</source>
        <translation>لا يوجد ملف نسخة احتياطية في {path}. راجع الاسم والمجلد؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a backup file. Name the backup file itself; nothing was changed.</source>
        <translation>{path} مجلد وليس ملف نسخة احتياطية. اذكر ملف النسخة الاحتياطية نفسه؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The backup file {path} is empty (0 bytes), so it holds no gym. Nothing was changed.</source>
        <translation>ملف النسخة الاحتياطية {path} فارغ (0 بايت)، فلا يحوي أي جيم. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The database file {path} cannot be read: permission denied. Nothing was moved or changed; ask whoever manages this computer to give this user access to it.</source>
        <translation>لا يمكن قراءة ملف قاعدة البيانات {path}: لا توجد صلاحية. لم يُنقل أو يتغير شيء؛ اطلب ممن يدير هذا الكمبيوتر أن يمنح هذا المستخدم صلاحية الوصول إليه.</translation>
    </message>
    <message>
        <source>The database file {path} cannot be read ({error}). Nothing was moved or changed; check the drive, then start Reception again.</source>
        <translation>لا يمكن قراءة ملف قاعدة البيانات {path} ({error}). لم يُنقل أو يتغير شيء؛ افحص القرص، ثم شغّل الاستقبال من جديد.</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {error}</source>
        <translation>تعذّرت كتابة النسخة الاحتياطية في {path}: {error}</translation>
    </message>
    <message>
        <source>The backup {path} is damaged ({error}), so it cannot be restored. Nothing was changed; choose another backup.</source>
        <translation>النسخة الاحتياطية {path} تالفة ({error})، لذا لا يمكن استعادتها. لم يتغير شيء؛ اختر نسخة احتياطية أخرى.</translation>
    </message>
    <message>
        <source>The backup {path} could not be restored into {target} ({error}). The database was left exactly as it was.</source>
        <translation>تعذّرت استعادة النسخة الاحتياطية {path} إلى {target} ({error}). تُركت قاعدة البيانات كما كانت تمامًا.</translation>
    </message>
    <message>
        <source>The backup {path} could not be copied to {target} ({error}). The damaged file was put back as it was.</source>
        <translation>تعذّر نسخ النسخة الاحتياطية {path} إلى {target} ({error}). أُعيد الملف التالف كما كان.</translation>
    </message>
    <message>
        <source>The access log of {path} was not archived: the archive file could not be written ({error}); nothing was removed.</source>
        <translation>لم يُؤرشف سجل الدخول لـ {path}: تعذّرت كتابة ملف الأرشيف ({error})؛ لم يُحذف شيء.</translation>
    </message>
    <message>
        <source>The access log of {path} was not archived ({error}); nothing was removed.</source>
        <translation>لم يُؤرشف سجل الدخول لـ {path} ({error})؛ لم يُحذف شيء.</translation>
    </message>
    <message>
        <source>{path} is not a Reception backup (it is not a database file). Nothing was changed; choose a backup from the backups folder.</source>
        <translation>{path} ليس نسخة احتياطية من الاستقبال (ليس ملف قاعدة بيانات). لم يتغير شيء؛ اختر نسخة احتياطية من مجلد النسخ الاحتياطية.</translation>
    </message>
    <message>
        <source>The database {path} is open in another program (a desk, a kiosk or a script), so it was not replaced: that program would go on writing into the old file. Close it, then restore again. Nothing was changed.</source>
        <translation>قاعدة البيانات {path} مفتوحة في برنامج آخر (استقبال أو كشك أو سكربت)، لذا لم تُستبدل: كان ذلك البرنامج سيواصل الكتابة في الملف القديم. أغلقه، ثم أعد الاستعادة. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist or cannot be written to.</source>
        <translation>المجلد {path} غير موجود أو لا يمكن الكتابة فيه.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Point Reception at the database file, or rename that folder.</source>
        <translation>{path} مجلد وليس ملف قاعدة بيانات. وجّه الاستقبال إلى ملف قاعدة البيانات، أو غيّر اسم ذلك المجلد.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist. If the database is on a removable or network drive, check that the drive is connected.</source>
        <translation>المجلد {path} غير موجود. إن كانت قاعدة البيانات على قرص خارجي أو قرص شبكة فتأكد من أنه متصل.</translation>
    </message>
    <message>
        <source>The folder {path} is read-only: Reception needs to write there (the database and the journal files SQLite keeps beside it). Allow writing to that folder, or move the database to one that can be written.</source>
        <translation>المجلد {path} للقراءة فقط: يحتاج الاستقبال إلى الكتابة فيه (قاعدة البيانات وملفات السجل التي يحفظها SQLite بجانبها). اسمح بالكتابة في ذلك المجلد، أو انقل قاعدة البيانات إلى مجلد تمكن الكتابة فيه.</translation>
    </message>
    <message>
        <source>The database file {path} is read-only: Reception needs to write to it. Ask whoever manages this computer to allow writing to that file.</source>
        <translation>ملف قاعدة البيانات {path} للقراءة فقط: يحتاج الاستقبال إلى الكتابة فيه. اطلب ممن يدير هذا الكمبيوتر السماح بالكتابة في ذلك الملف.</translation>
    </message>
    <message>
        <source>The database file {path} cannot be read: permission denied.</source>
        <translation>لا يمكن قراءة ملف قاعدة البيانات {path}: لا توجد صلاحية.</translation>
    </message>
    <message>
        <source>That is not a database address Reception understands ({error}).</source>
        <translation>هذا ليس عنوان قاعدة بيانات يفهمه الاستقبال ({error}).</translation>
    </message>
    <message>
        <source>That is not a database address Reception understands: {url}</source>
        <translation>هذا ليس عنوان قاعدة بيانات يفهمه الاستقبال: {url}</translation>
    </message>
    <message>
        <source>Reception works with a SQLite file or a PostgreSQL server, not {url}</source>
        <translation>يعمل الاستقبال مع ملف SQLite أو خادم PostgreSQL، لا مع {url}</translation>
    </message>
    <message>
        <source>{where} already holds another gym (or other data), so the demo gym is not written there. Name an empty database with --db, or leave out --db to use the demo&apos;s own file ({path}).</source>
        <translation>{where} يحوي جيمًا آخر (أو بيانات أخرى)، لذا لا يُكتب الجيم التجريبي فيه. حدّد قاعدة بيانات فارغة بـ ‎--db، أو احذف ‎--db لاستخدام ملف الجيم التجريبي الخاص ({path}).</translation>
    </message>
    <message>
        <source>{where} already holds another gym (or other data), so the demo gym is not written there. Name an empty database with RECEPTION_DB, or unset RECEPTION_DB to use the demo&apos;s own file ({path}).</source>
        <translation>{where} يحوي جيمًا آخر (أو بيانات أخرى)، لذا لا يُكتب الجيم التجريبي فيه. حدّد قاعدة بيانات فارغة بـ RECEPTION_DB، أو ألغِ ضبط RECEPTION_DB لاستخدام ملف الجيم التجريبي الخاص ({path}).</translation>
    </message>
    <message>
        <source>{sentence} Check the address and the line, then try again.</source>
        <translation>{sentence} راجع العنوان والاتصال، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The desk&apos;s first copy stopped: {sentence} Connect again (nothing was kept).</source>
        <translation>توقفت النسخة الأولى للاستقبال: {sentence} اربطه من جديد (لم يُحتفظ بشيء).</translation>
    </message>
    <message>
        <source>The replica could not be made again: {sentence}</source>
        <translation>تعذّر إنشاء النسخة المحلية من جديد: {sentence}</translation>
    </message>
    <message>
        <source>The server&apos;s reply was not what a chain&apos;s server sends ({error}).</source>
        <translation>رد الخادم ليس مما يرسله خادم سلسلة ({error}).</translation>
    </message>
    <message>
        <source>The server failed ({status}).</source>
        <translation>حدث خطأ في الخادم ({status}).</translation>
    </message>
    <message>
        <source>The server cannot be reached ({error}).</source>
        <translation>لا يمكن الوصول إلى الخادم ({error}).</translation>
    </message>
    <message>
        <source>The server&apos;s reply was not readable ({status}).</source>
        <translation>تعذّرت قراءة رد الخادم ({status}).</translation>
    </message>
    <message>
        <source>No branch {number}.</source>
        <translation>لا يوجد فرع رقم {number}.</translation>
    </message>
    <message>
        <source>No branch {number}; branches are {numbers}.</source>
        <translation>لا يوجد فرع رقم {number}؛ الفروع هي {numbers}.</translation>
    </message>
    <message>
        <source>The turnstile cannot listen on {address}: {error}.</source>
        <translation>لا تستطيع البوابة الاستماع على {address}: {error}.</translation>
    </message>
    <message>
        <source>--listen wants HOST:PORT (for example 127.0.0.1:8765), not {address}</source>
        <translation>يحتاج ‎--listen إلى HOST:PORT (مثل 127.0.0.1:8765)، لا {address}</translation>
    </message>
    <message>
        <source>The port must be 1 to 65535, not {number}.</source>
        <translation>يجب أن يكون المنفذ من 1 إلى 65535، لا {number}.</translation>
    </message>
    <message>
        <source>{where}: no database there yet; Reception creates it on first start</source>
        <translation>{where}: لا توجد قاعدة بيانات هناك بعد؛ ينشئها الاستقبال عند أول تشغيل</translation>
    </message>
    <message>
        <source>{where}: connected, schema up to date</source>
        <translation>{where}: متصل، والمخطط محدَّث</translation>
    </message>
    <message>
        <source>{where}: connected, empty (Reception sets it up)</source>
        <translation>{where}: متصل، وقاعدة البيانات فارغة (يُعدّها الاستقبال)</translation>
    </message>
    <message>
        <source>{where}: connected, empty: run `reception db upgrade` first</source>
        <translation>{where}: متصل، وقاعدة البيانات فارغة: شغّل ‎`reception db upgrade`‎ أولًا</translation>
    </message>
    <message>
        <source>{where}: connected, schema {current}, this version needs {head}</source>
        <translation>{where}: متصل، المخطط {current}، وهذا الإصدار يحتاج {head}</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts; try again in %n second(s).</source>
        <translation>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد ثانية واحدة.</numerusform>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد ثانيتين.</numerusform>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد %n ثوانٍ.</numerusform>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد %n ثانية.</numerusform>
            <numerusform>محاولات كثيرة جدًا؛ حاول مرة أخرى بعد %n ثانية.</numerusform>
        </translation>
    </message>
    <message>
        <source>{reason}. A manager can override.</source>
        <translation>{reason}. يستطيع المدير التجاوز.</translation>
    </message>
    <message>
        <source>No coins left on {service}.</source>
        <translation>لا توجد نقاط متبقية في {service}.</translation>
    </message>
    <message>
        <source>No sessions left on {service}.</source>
        <translation>لا توجد حصص متبقية في {service}.</translation>
    </message>
    <message>
        <source>{service} cannot be used today.</source>
        <translation>لا يمكن استخدام {service} اليوم.</translation>
    </message>
    <message>
        <source>Only an active subscription can be frozen; this one is {status}.</source>
        <translation>لا يُجمَّد إلا الاشتراك الساري؛ وهذا الاشتراك {status}.</translation>
    </message>
    <message>
        <source>{service} is {status}.</source>
        <translation>{service} {status}.</translation>
    </message>
    <message>
        <source>{service} is no longer sold.</source>
        <translation>{service} لم تعد معروضة للبيع.</translation>
    </message>
    <message>
        <source>The price of {service} changed just now; check it and try again.</source>
        <translation>تغيّر سعر {service} للتو؛ راجعه وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>{method} is not accepted at this branch.</source>
        <translation>الدفع {method} غير مقبول في هذا الفرع.</translation>
    </message>
    <message>
        <source>Only {left} left; the balance cannot go below zero.</source>
        <translation>المتبقي {left} فقط؛ لا يمكن أن يقل الرصيد عن صفر.</translation>
    </message>
    <message numerus="yes">
        <source>More than %n minute(s) have passed; ask a manager to reverse it.</source>
        <translation>
            <numerusform>مرّ أكثر من %n دقيقة؛ اطلب من المدير عكسه.</numerusform>
            <numerusform>مرّت أكثر من دقيقة واحدة؛ اطلب من المدير عكسه.</numerusform>
            <numerusform>مرّ أكثر من دقيقتين؛ اطلب من المدير عكسه.</numerusform>
            <numerusform>مرّ أكثر من %n دقائق؛ اطلب من المدير عكسه.</numerusform>
            <numerusform>مرّ أكثر من %n دقيقة؛ اطلب من المدير عكسه.</numerusform>
            <numerusform>مرّ أكثر من %n دقيقة؛ اطلب من المدير عكسه.</numerusform>
        </translation>
    </message>
    <message>
        <source>No member with number {number}.</source>
        <translation>لا يوجد عضو برقم {number}.</translation>
    </message>
    <message>
        <source>{name} cannot approve this; a manager or the owner must.</source>
        <translation>لا يستطيع {name} الموافقة على هذا؛ يجب أن يوافق مدير أو المالك.</translation>
    </message>
    <message>
        <source>The subscription ends on {day}; a freeze must start before that.</source>
        <translation>ينتهي الاشتراك في {day}؛ ويجب أن يبدأ التجميد قبل ذلك.</translation>
    </message>
    <message>
        <source>{field} must be a number.</source>
        <translation>يجب أن يكون {field} رقمًا.</translation>
    </message>
    <message>
        <source>{field} must be between {low} and {high}.</source>
        <translation>يجب أن يكون {field} بين {low} و{high}.</translation>
    </message>
    <message>
        <source>Session deducted</source>
        <translation>خصم حصة</translation>
    </message>
    <message>
        <source>Subscription sold</source>
        <translation>بيع اشتراك</translation>
    </message>
    <message>
        <source>Member registered</source>
        <translation>تسجيل عضو</translation>
    </message>
    <message>
        <source>New card</source>
        <translation>بطاقة جديدة</translation>
    </message>
    <message>
        <source>Check-in reversed</source>
        <translation>عكس تسجيل حضور</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>تجاوز</translation>
    </message>
    <message>
        <source>Balance corrected</source>
        <translation>تصحيح الرصيد</translation>
    </message>
    <message>
        <source>Sync issue resolved</source>
        <translation>حل مشكلة مزامنة</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>تغيير</translation>
    </message>
    <message>
        <source>The balance went below zero: sell a pack or correct it with a reason.</source>
        <translation>نزل الرصيد تحت الصفر: بِع باقة أو صحّح الرصيد مع ذكر السبب.</translation>
    </message>
    <message>
        <source>A card that had been replaced was let in at a desk that was offline.</source>
        <translation>سُمح بالدخول ببطاقة مستبدلة في استقبال كان غير متصل.</translation>
    </message>
    <message>
        <source>Two members were registered with the same phone at different branches.</source>
        <translation>سُجّل عضوان بالهاتف نفسه في فرعين مختلفين.</translation>
    </message>
    <message>
        <source>An operation could not be applied; it is kept for a manager.</source>
        <translation>تعذّر تطبيق عملية؛ وهي محفوظة ليراجعها مدير.</translation>
    </message>
    <message>
        <source>Operations arrived from a desk that was disconnected.</source>
        <translation>وصلت عمليات من استقبال أُلغي ربطه.</translation>
    </message>
    <message>
        <source>Some of a desk&apos;s operations are missing.</source>
        <translation>بعض عمليات أحد الاستقبالات مفقودة.</translation>
    </message>
    <message>
        <source>A day pass was let in twice, at desks that were offline at the time.</source>
        <translation>دخلت تذكرة يومية مرتين، في مكاتب كانت غير متصلة وقتها.</translation>
    </message>
    <message>
        <source>The chain&apos;s server cannot be reached. The desk keeps working and sends its changes later.</source>
        <translation>تعذّر الوصول إلى خادم السلسلة. يواصل الاستقبال العمل ويرسل تغييراته لاحقًا.</translation>
    </message>
    <message>
        <source>The chain&apos;s server had a problem. The desk tries again in a moment.</source>
        <translation>حدثت مشكلة في خادم السلسلة. يعيد الاستقبال المحاولة بعد قليل.</translation>
    </message>
    <message>
        <source>This desk is too old for the chain&apos;s server: update it. It keeps working offline meanwhile.</source>
        <translation>هذا الاستقبال أقدم من أن يعمل مع خادم السلسلة: حدّثه. يواصل العمل دون اتصال في الأثناء.</translation>
    </message>
    <message numerus="yes">
        <source>synced %n s ago</source>
        <translation>
            <numerusform>آخر مزامنة قبل %n ثانية</numerusform>
            <numerusform>آخر مزامنة قبل ثانية</numerusform>
            <numerusform>آخر مزامنة قبل ثانيتين</numerusform>
            <numerusform>آخر مزامنة قبل %n ثوانٍ</numerusform>
            <numerusform>آخر مزامنة قبل %n ثانية</numerusform>
            <numerusform>آخر مزامنة قبل %n ثانية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>synced %n min ago</source>
        <translation>
            <numerusform>آخر مزامنة قبل %n دقيقة</numerusform>
            <numerusform>آخر مزامنة قبل دقيقة</numerusform>
            <numerusform>آخر مزامنة قبل دقيقتين</numerusform>
            <numerusform>آخر مزامنة قبل %n دقائق</numerusform>
            <numerusform>آخر مزامنة قبل %n دقيقة</numerusform>
            <numerusform>آخر مزامنة قبل %n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>synced %n h ago</source>
        <translation>
            <numerusform>آخر مزامنة قبل %n ساعة</numerusform>
            <numerusform>آخر مزامنة قبل ساعة</numerusform>
            <numerusform>آخر مزامنة قبل ساعتين</numerusform>
            <numerusform>آخر مزامنة قبل %n ساعات</numerusform>
            <numerusform>آخر مزامنة قبل %n ساعة</numerusform>
            <numerusform>آخر مزامنة قبل %n ساعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline since {time}</source>
        <translation>غير متصل منذ {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message>
        <source>Online · {ago}</source>
        <translation>متصل · {ago}</translation>
    </message>
    <message>
        <source>{state} · {waiting}</source>
        <translation>{state} · {waiting}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n تغيير في الانتظار</numerusform>
            <numerusform>تغيير واحد في الانتظار</numerusform>
            <numerusform>تغييران في الانتظار</numerusform>
            <numerusform>%n تغييرات في الانتظار</numerusform>
            <numerusform>%n تغييرًا في الانتظار</numerusform>
            <numerusform>%n تغيير في الانتظار</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync with the chain&apos;s server</source>
        <translation>المزامنة مع خادم السلسلة</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message>
        <source>Desks of this branch…</source>
        <translation>أجهزة الاستقبال في هذا الفرع…</translation>
    </message>
    <message>
        <source>The desks connected at this branch; disconnect a lost one ({keys})</source>
        <translation>أجهزة الاستقبال المربوطة في هذا الفرع؛ ألغِ ربط جهاز مفقود ({keys})</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>تغييرات في انتظار الإرسال</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>وقت الإجراء</translation>
    </message>
    <message>
        <source>Sync issues to resolve</source>
        <translation>مشكلات مزامنة تحتاج إلى حل</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>حل…</translation>
    </message>
    <message>
        <source>Server: {server}</source>
        <translation>الخادم: {server}</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>آخر مزامنة ناجحة: {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n member number(s) left on this desk</source>
        <translation>
            <numerusform>%n رقم عضوية متبقٍ في هذا الاستقبال</numerusform>
            <numerusform>رقم عضوية واحد متبقٍ في هذا الاستقبال</numerusform>
            <numerusform>رقما عضوية متبقيان في هذا الاستقبال</numerusform>
            <numerusform>%n أرقام عضوية متبقية في هذا الاستقبال</numerusform>
            <numerusform>%n رقم عضوية متبقيًا في هذا الاستقبال</numerusform>
            <numerusform>%n رقم عضوية متبقٍ في هذا الاستقبال</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>آخر خطأ: {error}</translation>
    </message>
    <message>
        <source>Not synced: {error}</source>
        <translation>لم تتم المزامنة: {error}</translation>
    </message>
    <message>
        <source>Synced: {sent} sent, {received} received.</source>
        <translation>تمت المزامنة: أُرسل {sent} واستُلم {received}.</translation>
    </message>
    <message>
        <source>Apply what it sent</source>
        <translation>تطبيق ما أرسله</translation>
    </message>
    <message>
        <source>Discard what it sent</source>
        <translation>استبعاد ما أرسله</translation>
    </message>
    <message>
        <source>Resolve the sync issue</source>
        <translation>حل مشكلة المزامنة</translation>
    </message>
    <message>
        <source>The desk was disconnected when it sent this:</source>
        <translation>كان جهاز الاستقبال ملغى الربط عندما أرسل هذا:</translation>
    </message>
    <message>
        <source>What was done (e.g. a pack sold, a correction made):</source>
        <translation>ما الذي تم (مثلًا: بيعت باقة، أُجري تصحيح):</translation>
    </message>
    <message>
        <source>Write what was done to resolve it.</source>
        <translation>اكتب ما تم لحلها.</translation>
    </message>
    <message>
        <source>The sync issue is resolved here; the chain&apos;s server gets it with the next sync.</source>
        <translation>حُلّت مشكلة المزامنة هنا؛ ويصل الحل إلى خادم السلسلة مع المزامنة التالية.</translation>
    </message>
    <message>
        <source>Not resolved: {error}</source>
        <translation>لم تُحل: {error}</translation>
    </message>
</context>
</TS>
